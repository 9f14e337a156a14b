using GymCoach.Lambda.Logging;

namespace GymCoach.Lambda.Runtime;

/// <summary>
/// The Lambda event loop: init once, then GET next → handle → POST response/error, forever. It is the only
/// type that knows the Runtime API exists; replacing it with Amazon.Lambda.RuntimeSupport's bootstrap is the
/// one change needed to switch runtimes.
/// </summary>
public static class LambdaHost
{
    /// <summary>Exit code after an init failure or a broken Runtime API.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Runs the function <c>_HANDLER</c> names among <paramref name="functions"/>. Returns the exit code for <c>Main</c>.</summary>
    public static int Run(Functions.FunctionTable functions) =>
        Run(() => functions.Select(Environment.GetEnvironmentVariable("_HANDLER"))());

    /// <summary>Runs the loop for the process. Returns the exit code for <c>Main</c>.</summary>
    public static int Run(Func<IInvocationHandler> initialize)
    {
        LambdaEnvironment environment;
        try
        {
            environment = LambdaEnvironment.FromProcess();
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return FailureExitCode;
        }

        return RunAsync(initialize, environment, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs the loop until the Runtime API breaks or <paramref name="stop"/> fires (tests). Init failures are
    /// reported to /runtime/init/error and end the loop with <see cref="FailureExitCode"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        Func<IInvocationHandler> initialize,
        LambdaEnvironment environment,
        CancellationToken stop,
        HttpMessageHandler? runtimeApiHandler = null)
    {
        MemoryLimit.Apply(environment.MemorySizeMb);
        using var client = new RuntimeApiClient(environment.RuntimeApi, runtimeApiHandler);

        IInvocationHandler handler;
        try
        {
            handler = initialize();
        }
        catch (Exception ex)
        {
            Log.Error($"Init failed: {ex.GetType().Name}: {ex.Message}");
            try
            {
                await client.PostInitErrorAsync(ex, stop).ConfigureAwait(false);
            }
            catch (Exception postEx) when (postEx is HttpRequestException or RuntimeApiException)
            {
                Log.Error($"Could not report the init failure: {postEx.Message}");
            }

            return FailureExitCode;
        }

        var eventBuffer = new ReusableBuffer();
        var responseBuffer = new ReusableBuffer();
        var coldStart = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var invocation = await client.NextAsync(eventBuffer, stop).ConfigureAwait(false);
                await InvokeAsync(client, handler, invocation, eventBuffer, responseBuffer, coldStart, environment.DeadlineMargin, stop).ConfigureAwait(false);
                coldStart = false;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
            {
                Log.Error($"The Runtime API is unusable, exiting: {ex.Message}");
                return FailureExitCode;
            }
        }

        return 0;
    }

    private static async Task InvokeAsync(
        RuntimeApiClient client,
        IInvocationHandler handler,
        Invocation invocation,
        ReusableBuffer eventBuffer,
        ReusableBuffer responseBuffer,
        bool coldStart,
        TimeSpan deadlineMargin,
        CancellationToken stop)
    {
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        using var deadline = new CancellationTokenSource(DeadlineBudget.WorkTime(invocation.Deadline - DateTimeOffset.UtcNow, deadlineMargin));
        var context = new InvocationContext(
            invocation.RequestId, invocation.Deadline, invocation.InvokedFunctionArn, invocation.TraceId, coldStart, deadline.Token);

        responseBuffer.Reset();
        Exception? failure = null;
        try
        {
            await handler.HandleAsync(eventBuffer.WrittenMemory, responseBuffer, context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        if (failure is null)
        {
            if (await client.PostResponseAsync(invocation.RequestId, responseBuffer.WrittenMemory, stop).ConfigureAwait(false))
            {
                return;
            }

            failure = new ResponseTooLargeException(responseBuffer.WrittenCount);
        }

        Log.Error($"Invocation {invocation.RequestId} failed: {failure.GetType().Name}: {failure.Message}", invocation.RequestId);
        await client.PostErrorAsync(invocation.RequestId, failure, stop).ConfigureAwait(false);
    }
}
