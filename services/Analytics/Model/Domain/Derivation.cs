namespace GymCoach.Analytics.Domain;

/// <summary>
/// The versions of Analytics' two formulas: <see cref="Digests"/> (a session's items → its digest: volume, working
/// sets, the sets' marks) and <see cref="Aggregates"/> (digests → weeks, records, streak, achievements, the
/// summary). Every digest and every summary is stored with the version that derived it. Bump one when its formula
/// changes: the next update of each user then re-derives what an older version made (digests a bounded number at
/// a time, aggregates all at once from the digests), so no one has to run a recompute for a new metric to show.
/// </summary>
public sealed record Derivation(int Digests, int Aggregates)
{
    /// <summary>The formulas of this code.</summary>
    /// <remarks>2: digests keep their start and its stated offset, days and weeks are the lifter's local ones, the summary names its zone.</remarks>
    public static readonly Derivation Current = new(Digests: 2, Aggregates: 2);

    /// <summary>What an item stored before versions existed was derived by.</summary>
    public const int Unversioned = 1;

    /// <summary>Digests of an older formula re-derived by one update at most (each is a Query of its session); more wait for the next update, or a recompute.</summary>
    public const int StaleDigestsPerUpdate = 200;
}
