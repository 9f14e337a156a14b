namespace GymCoach.Data;

/// <summary>What the caller said about the state a write may apply to (RFC 9110 conditional requests).</summary>
public enum PreconditionKind
{
    /// <summary>No If-Match, no If-None-Match: create only — replacing an existing resource blind is refused (428).</summary>
    None,

    /// <summary><c>If-None-Match: *</c>: create only; 412 when the resource exists.</summary>
    CreateOnly,

    /// <summary><c>If-Match: *</c>: replace only; 412 when the resource does not exist.</summary>
    AnyExisting,

    /// <summary><c>If-Match: "n"</c> (strong): replace only version n; 412 otherwise.</summary>
    Version,
}

/// <summary>
/// The condition a create-or-replace write carries, parsed once from the request's headers. Every
/// replacing write states one: there is no "unconditional" value, so no repository can overwrite a version
/// it never saw (another instance's cache may hold an older one for seconds).
/// </summary>
public readonly record struct WritePrecondition(PreconditionKind Kind, long ExpectedVersion = 0)
{
    public static WritePrecondition Blind => new(PreconditionKind.None);

    public static WritePrecondition IfNoneExists => new(PreconditionKind.CreateOnly);

    public static WritePrecondition IfAnyExists => new(PreconditionKind.AnyExisting);

    public static WritePrecondition IfVersion(long version) => new(PreconditionKind.Version, version);
}
