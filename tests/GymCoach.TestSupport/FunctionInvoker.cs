using GymCoach.Lambda.Http;
using GymCoach.Lambda.Runtime;

namespace GymCoach.TestSupport;

/// <summary>Invokes an <see cref="IInvocationHandler"/> in process, as the runtime loop would.</summary>
public static class FunctionInvoker
{
    /// <summary>Invokes with <paramref name="timeout"/> left before the deadline; the handler's token fires <paramref name="margin"/> earlier, as under <see cref="LambdaHost"/>.</summary>
    public static async Task<TestResponse> InvokeAsync(IInvocationHandler handler, HttpApiRequest request, bool coldStart = false, TimeSpan? timeout = null, TimeSpan? margin = null)
    {
        var buffer = new ReusableBuffer();
        var remaining = timeout ?? TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(DeadlineBudget.WorkTime(remaining, margin ?? DeadlineBudget.DefaultMargin));
        var context = new InvocationContext(
            "req-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow + remaining, "arn:aws:lambda:local", "Root=1-test", coldStart, cts.Token);
        await handler.HandleAsync(ApiEvents.Serialize(request), buffer, context);
        return TestResponse.Parse(buffer.WrittenSpan);
    }

    /// <summary>Invokes with any event (a stream batch, say); the raw response.</summary>
    public static async Task<byte[]> InvokeAsync(IInvocationHandler handler, byte[] payload, TimeSpan? timeout = null, TimeSpan? margin = null)
    {
        var buffer = new ReusableBuffer();
        var remaining = timeout ?? TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(DeadlineBudget.WorkTime(remaining, margin ?? DeadlineBudget.DefaultMargin));
        var context = new InvocationContext(
            "req-" + Guid.NewGuid().ToString("N")[..8], DateTimeOffset.UtcNow + remaining, "arn:aws:lambda:local", "Root=1-test", false, cts.Token);
        await handler.HandleAsync(payload, buffer, context);
        return buffer.WrittenSpan.ToArray();
    }
}
