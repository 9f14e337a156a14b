namespace GymCoach.Workouts.Domain;

/// <summary>How a whole-workout upload ended; the route maps each to its status.</summary>
public enum UploadOutcome
{
    /// <summary>The session did not exist and now does (201).</summary>
    Created,

    /// <summary>The upload replaced the session's content (200).</summary>
    Replaced,

    /// <summary>The same upload again: nothing written, the session answered as it is (201 if the upload created it and nothing changed it since, else 200).</summary>
    AlreadyCreated,

    /// <summary>The same upload again, after it (or something since) changed the session: answered as it is (200).</summary>
    AlreadyApplied,

    /// <summary>Another upload or device changed the session since the version this one was based on (412 with the session as it is).</summary>
    Stale,
}

/// <summary>An upload's outcome with the session and its sets as they are after it.</summary>
public sealed record UploadResult(UploadOutcome Outcome, Session Session, IReadOnlyList<LoggedSet> Sets);
