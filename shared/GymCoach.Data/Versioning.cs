using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data;

/// <summary>
/// Optimistic concurrency on a numeric <c>version</c> attribute: every write increments it, a caller that
/// read version N may only write if it is still N. The HTTP ETag is the version, quoted (reading
/// If-Match/If-None-Match into a <see cref="WritePrecondition"/> is the HTTP side's job).
/// </summary>
public static class Versioning
{
    public const string ValuePlaceholder = ":expectedVersion";
    public const string NamePlaceholder = "#version";
    private const string PartitionKeyPlaceholder = "#preconditionPk";

    /// <summary>Most versions one precondition may list (DynamoDB's IN takes 100 operands; a phone sends one).</summary>
    public const int MaxVersions = 20;

    public static string ETag(long version) => string.Concat("\"", version.ToString(CultureInfo.InvariantCulture), "\"");

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
}
