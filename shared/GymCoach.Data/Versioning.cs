using System.Globalization;
using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Http;

namespace GymCoach.Data;

/// <summary>
/// Optimistic concurrency on a numeric <c>version</c> attribute: every write increments it, a caller that
/// read version N may only write if it is still N. The HTTP ETag is the version, quoted.
/// </summary>
public static class Versioning
{
    public const string ValuePlaceholder = ":expectedVersion";
    public const string NamePlaceholder = "#version";

    public static string ETag(long version) => string.Concat("\"", version.ToString(CultureInfo.InvariantCulture), "\"");

    /// <summary>
    /// Reads If-Match: null when absent, the expected version when it names one. <c>*</c> means "any existing
    /// version" and comes back as <see cref="AnyVersion"/>. Anything else can never match: 412.
    /// </summary>
    public static long? ExpectedVersion(HttpRequestContext request)
    {
        var ifMatch = request.Header("if-match");
        if (ifMatch is null)
        {
            return null;
        }

        var value = ifMatch.Trim();
        if (value == "*")
        {
            return AnyVersion;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw HttpProblemException.PreconditionFailed();
    }

    /// <summary>Sentinel for <c>If-Match: *</c>.</summary>
    public const long AnyVersion = -1;

    /// <summary>Adds the condition for <paramref name="expected"/> to a write's expression maps; returns the expression.</summary>
    public static string Condition(long expected, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        if (expected == AnyVersion)
        {
            return $"attribute_exists({Keys.PartitionKey})";
        }

        names[NamePlaceholder] = Keys.Version;
        values[ValuePlaceholder] = Attributes.N(expected);
        return $"{NamePlaceholder} = {ValuePlaceholder}";
    }
}
