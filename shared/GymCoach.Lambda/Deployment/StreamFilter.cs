namespace GymCoach.Lambda.Deployment;

/// <summary>
/// One filter of a stream event source: a record passes a mapping when it matches any of its filters. Written as
/// data (the image, the item's entity type and status, the sort key) so the entity names come from the contracts
/// that own them, and the template's escaped pattern is generated, never typed.
/// </summary>
public sealed record StreamFilter
{
    /// <summary>Which image of the record the entity and status must match.</summary>
    public StreamImage Image { get; init; } = StreamImage.New;

    /// <summary>Stream event names the record must have (<c>INSERT</c>, <c>MODIFY</c>, <c>REMOVE</c>); empty: any.</summary>
    public IReadOnlyList<string> EventNames { get; init; } = [];

    /// <summary>Values the image's <c>entity</c> attribute may have; empty: not filtered on.</summary>
    public IReadOnlyList<string> Entities { get; init; } = [];

    /// <summary>Values the image's <c>status</c> attribute may have; empty: not filtered on.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>The exact sort key of the record's keys, or null.</summary>
    public string? SortKey { get; init; }

    /// <summary>A prefix of the record's sort key, or null.</summary>
    public string? SortKeyPrefix { get; init; }

    /// <summary>Items of <paramref name="entity"/> whose image has one of <paramref name="statuses"/>.</summary>
    public static StreamFilter Entity(string entity, StreamImage image, params string[] statuses) =>
        new() { Image = image, Entities = [entity], Statuses = statuses };

    /// <summary>Inserted or modified items of one of <paramref name="entities"/> whose new status is one of <paramref name="statuses"/>: a job asking to be run.</summary>
    public static StreamFilter Written(IReadOnlyList<string> entities, params string[] statuses) =>
        new() { EventNames = ["INSERT", "MODIFY"], Entities = entities, Statuses = statuses };
}

/// <summary>The image of a stream record a filter looks at.</summary>
public enum StreamImage
{
    /// <summary>The item after the change (absent on REMOVE).</summary>
    New,

    /// <summary>The item before the change (absent on INSERT).</summary>
    Old,
}
