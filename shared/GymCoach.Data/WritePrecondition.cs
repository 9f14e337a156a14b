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

    /// <summary><c>If-Match: "n"</c> or <c>"n", "m"</c> (strong tags): replace only one of those versions; 412 otherwise.</summary>
    Version,
}

/// <summary>
/// The condition a create-or-replace write carries, parsed once from the request's headers. Every
/// replacing write states one: there is no "unconditional" value, so no repository can overwrite a version
/// it never saw (another instance's cache may hold an older one for seconds).
/// </summary>
public readonly record struct WritePrecondition(PreconditionKind Kind, IReadOnlyList<long>? Versions = null)
{
    public static WritePrecondition Blind => new(PreconditionKind.None);

    public static WritePrecondition IfNoneExists => new(PreconditionKind.CreateOnly);

    public static WritePrecondition IfAnyExists => new(PreconditionKind.AnyExisting);

    public static WritePrecondition IfVersion(params long[] versions) =>
        versions.Length > 0 ? new(PreconditionKind.Version, versions) : throw new ArgumentException("At least one version.", nameof(versions));
}
