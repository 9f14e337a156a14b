namespace GymCoach.Lambda.Runtime;

/// <summary>The headers of one <c>GET /runtime/invocation/next</c> answer; the event itself stays in the loop's buffer.</summary>
public sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity);
