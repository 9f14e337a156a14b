using System.Globalization;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Http;

namespace GymCoach.Data;

/// <summary>
/// Optimistic concurrency on a numeric <c>version</c> attribute: every write increments it, a caller that
/// read version N may only write if it is still N. The HTTP ETag is the version, quoted, and compared
/// strongly: a weak tag (<c>W/"n"</c>) never matches a write.
/// </summary>
public static class Versioning
{
    public const string ValuePlaceholder = ":expectedVersion";
    public const string NamePlaceholder = "#version";
    private const string PartitionKeyPlaceholder = "#preconditionPk";

    /// <summary>Most entity tags one If-Match may list (DynamoDB's IN takes 100 operands; a phone sends one).</summary>
    public const int MaxTags = 20;

    public static string ETag(long version) => string.Concat("\"", version.ToString(CultureInfo.InvariantCulture), "\"");

    /// <summary>
    /// The precondition of a create-or-replace request, from If-Match / If-None-Match. An If-Match none of
    /// whose tags can ever match (weak, malformed) is a 412 at once; If-None-Match other than <c>*</c> is 400
    /// (only <c>*</c> means anything for a write).
    /// </summary>
    public static WritePrecondition Precondition(HttpRequestContext request)
    {
        var ifMatch = request.Header("if-match");
        var ifNoneMatch = request.Header("if-none-match");
        if (ifMatch is not null && ifNoneMatch is not null)
        {
            throw HttpProblemException.BadRequest("Send If-Match or If-None-Match, not both.", "If-None-Match");
        }

        if (ifNoneMatch is not null)
        {
            return ifNoneMatch.Trim() == "*"
                ? WritePrecondition.IfNoneExists
                : throw HttpProblemException.BadRequest("Only 'If-None-Match: *' (create only) is supported on writes.", "If-None-Match");
        }

        if (ifMatch is null)
        {
            return WritePrecondition.Blind;
        }

        if (ifMatch.Trim() == "*")
        {
            return WritePrecondition.IfAnyExists;
        }

        // A list of tags matches when any strong one names the current version (RFC 9110 §13.1.1); weak and
        // malformed tags never match, so they are dropped.
        var versions = new List<long>();
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length > 2 && part[0] == '"' && part[^1] == '"'
                && long.TryParse(part.AsSpan(1, part.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && !versions.Contains(version))
            {
                versions.Add(version);
            }
        }

        if (versions.Count > MaxTags)
        {
            throw HttpProblemException.BadRequest($"If-Match may name at most {MaxTags} versions.", "If-Match");
        }

        return versions.Count > 0
            ? WritePrecondition.IfVersion([.. versions])
            : throw HttpProblemException.PreconditionFailed("If-Match names no current version (weak and malformed tags never match).");
    }

    /// <summary>Adds the condition for <paramref name="precondition"/> to a write's expression maps; returns the expression.</summary>
    public static string Condition(WritePrecondition precondition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        switch (precondition.Kind)
        {
            case PreconditionKind.Version:
                names[NamePlaceholder] = Keys.Version;
                var versions = precondition.Versions!;
                if (versions.Count == 1)
                {
                    values[ValuePlaceholder] = Attributes.N(versions[0]);
                    return $"{NamePlaceholder} = {ValuePlaceholder}";
                }

                var operands = new string[versions.Count];
                for (var i = 0; i < versions.Count; i++)
                {
                    operands[i] = ValuePlaceholder + i.ToString(CultureInfo.InvariantCulture);
                    values[operands[i]] = Attributes.N(versions[i]);
                }

                return $"{NamePlaceholder} IN ({string.Join(", ", operands)})";
            case PreconditionKind.AnyExisting:
                names[PartitionKeyPlaceholder] = Keys.PartitionKey;
                return $"attribute_exists({PartitionKeyPlaceholder})";
            default:
                names[PartitionKeyPlaceholder] = Keys.PartitionKey;
                return $"attribute_not_exists({PartitionKeyPlaceholder})";
        }
    }

    /// <summary>
    /// The answer to a write whose precondition failed: 428 when the caller gave none, 412 when theirs failed,
    /// 409 for a conflict that carries no request precondition (an internal optimistic write lost a race).
    /// </summary>
    public static HttpProblemException? Map(Exception exception) => exception is ConcurrencyConflictException conflict
        ? conflict.Precondition switch
        {
            { Kind: PreconditionKind.None } => HttpProblemException.PreconditionRequired(),
            not null => HttpProblemException.PreconditionFailed(),
            null => HttpProblemException.Conflict("The resource changed while the request ran; retry it."),
        }
        : null;
}
