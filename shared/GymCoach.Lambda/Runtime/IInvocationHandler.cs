using System.Buffers;

namespace GymCoach.Lambda.Runtime;

/// <summary>
/// The one seam between our code and whatever drives the Lambda loop. The HTTP layer implements it;
/// <see cref="LambdaHost"/> calls it. Swapping our runtime client for Amazon.Lambda.RuntimeSupport means
/// adapting this interface in one place, nothing above it changes.
/// </summary>
public interface IInvocationHandler
{
    /// <summary>Handles one invocation: <paramref name="payload"/> is the raw event, the JSON answer goes to <paramref name="response"/>.</summary>
    ValueTask HandleAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context);
}
