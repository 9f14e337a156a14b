namespace GymCoach.Sync.Domain;

/// <summary>
/// What a change is about, as the app names it: the entity's type, its id, and for a set the session it belongs
/// to (a set's id is only unique within its session). Derived from the item's sort key alone, so a removed item
/// (no image left) is named the same way as a written one.
/// </summary>
public readonly record struct ChangeSubject(string Type, string Id, string? SessionId = null);
