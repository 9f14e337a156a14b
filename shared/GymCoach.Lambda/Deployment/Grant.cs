namespace GymCoach.Lambda.Deployment;

/// <summary>
/// One IAM permission a function uses, in the project's terms (the table's partitions, the media bucket's keys)
/// rather than policy JSON: each becomes one statement of the function's policy. Table grants are always
/// fenced by <c>dynamodb:LeadingKeys</c>, so no declaration can grant the whole table by forgetting a condition.
/// </summary>
public abstract record Grant
{
    private Grant()
    {
    }

    /// <summary>DynamoDB <paramref name="Actions"/> on the table (or its indexes) for partitions matching <paramref name="LeadingKeys"/> (e.g. <c>USER#*</c>).</summary>
    public sealed record Table(IReadOnlyList<string> Actions, IReadOnlyList<string> LeadingKeys, bool OnIndexes = false) : Grant;

    /// <summary>S3 <paramref name="Actions"/> on the media bucket's objects whose keys match <paramref name="KeyPattern"/> (e.g. <c>users/*</c>).</summary>
    public sealed record BucketObjects(IReadOnlyList<string> Actions, string KeyPattern) : Grant;

    /// <summary><c>s3:ListBucket</c> on the media bucket, for listings under <paramref name="Prefixes"/> only.</summary>
    public sealed record BucketListing(IReadOnlyList<string> Prefixes) : Grant;

    /// <summary>DynamoDB actions on the table for partitions matching the given patterns.</summary>
    public static Table TableItems(string[] actions, params string[] leadingKeys) => new(actions, leadingKeys);

    /// <summary>DynamoDB actions on the table's indexes for partitions matching the given patterns.</summary>
    public static Table TableIndexes(string[] actions, params string[] leadingKeys) => new(actions, leadingKeys, OnIndexes: true);
}
