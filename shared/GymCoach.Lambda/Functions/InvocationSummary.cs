namespace GymCoach.Lambda.Functions;

/// <summary>
/// What a function says about one invocation for its log line: what kind of work (an HTTP method, STREAM),
/// on what (a route key, the batch), and how it ended (an HTTP status; 200/207 for a batch).
/// </summary>
public readonly record struct InvocationSummary(string Operation, string Target, int Status);
