using Amazon.DynamoDBv2.Model;

namespace GymCoach.Data.Idempotency;

/// <summary>
/// A create's transaction was cancelled because its idempotency record already exists: the key was used
/// before. Carries the record DynamoDB returned with the cancellation (if any) so the route can replay the
/// first response or refuse another body without guessing.
/// </summary>
public sealed class IdempotencyKeyTakenException : Exception
{
    public IdempotencyKeyTakenException()
        : base("The idempotency key was used before.")
    {
    }

    public IdempotencyKeyTakenException(string message)
        : base(message)
    {
    }

    public IdempotencyKeyTakenException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public IdempotencyKeyTakenException(Dictionary<string, AttributeValue>? existing)
        : base("The idempotency key was used before.")
    {
        Existing = existing;
    }

    public Dictionary<string, AttributeValue>? Existing { get; }
}
