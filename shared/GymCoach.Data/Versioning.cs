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

        // A list of tags may be sent; our resources have one version, so the first strong numeric tag is the
        // one that can match (several distinct ones cannot all be current: any one of them is as good).
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length > 2 && part[0] == '"' && part[^1] == '"'
                && long.TryParse(part.AsSpan(1, part.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return WritePrecondition.IfVersion(version);
            }
        }

        throw HttpProblemException.PreconditionFailed("If-Match names no current version (weak and malformed tags never match).");
    }

    /// <summary>Adds the condition for <paramref name="precondition"/> to a write's expression maps; returns the expression.</summary>
    public static string Condition(WritePrecondition precondition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        switch (precondition.Kind)
        {
            case PreconditionKind.Version:
                names[NamePlaceholder] = Keys.Version;
                values[ValuePlaceholder] = Attributes.N(precondition.ExpectedVersion);
                return $"{NamePlaceholder} = {ValuePlaceholder}";
            case PreconditionKind.AnyExisting:
                names[PartitionKeyPlaceholder] = Keys.PartitionKey;
                return $"attribute_exists({PartitionKeyPlaceholder})";
            default:
                names[PartitionKeyPlaceholder] = Keys.PartitionKey;
                return $"attribute_not_exists({PartitionKeyPlaceholder})";
        }
    }

    /// <summary>The answer to a write whose precondition failed: 428 when there was none, else 412.</summary>
    public static HttpProblemException? Map(Exception exception) => exception is ConcurrencyConflictException conflict
        ? conflict.Precondition.Kind == PreconditionKind.None
            ? HttpProblemException.PreconditionRequired()
            : HttpProblemException.PreconditionFailed()
        : null;
}
