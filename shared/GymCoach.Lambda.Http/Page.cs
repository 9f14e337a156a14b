namespace GymCoach.Lambda.Http;

/// <summary>
/// The list response every collection route returns: <c>{ items, nextCursor }</c>, cursor absent on the last page.
/// A page may hold fewer items than asked for, even before the last: one whose answer would pass Lambda's 6 MB
/// is asked again with half the limit (<see cref="HttpFunction.MaxResponseBytes"/>).
/// </summary>
public sealed class Page<T>
{
    public required List<T> Items { get; init; }

    public string? NextCursor { get; init; }
}
