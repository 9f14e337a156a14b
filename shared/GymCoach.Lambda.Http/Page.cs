namespace GymCoach.Lambda.Http;

/// <summary>The list response every collection route returns: <c>{ items, nextCursor }</c>, cursor absent on the last page.</summary>
public sealed class Page<T>
{
    public required List<T> Items { get; init; }

    public string? NextCursor { get; init; }
}
