namespace GymCoach.Data;

/// <summary>
/// The store did not do all that was asked this time (a batch left items unprocessed past its retries): nothing
/// is wrong with the request, so it is answered 503 with Retry-After, and a stream batch is retried. Our own kind,
/// rather than a made-up SDK throttling exception, so what DynamoDB said and what we concluded stay apart.
/// </summary>
public sealed class StoreBusyException(string message) : Exception(message);
