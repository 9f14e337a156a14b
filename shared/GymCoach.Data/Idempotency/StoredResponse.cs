namespace GymCoach.Data.Idempotency;

/// <summary>The first response to an idempotent request, kept to be replayed byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers);
