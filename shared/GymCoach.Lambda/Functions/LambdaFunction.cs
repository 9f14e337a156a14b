using System.Buffers;
using System.Diagnostics;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Functions;

/// <summary>
/// What every function does around its own work, whatever event it takes: the cold-start metric, the one log
/// line per invocation, the invocation's metrics flushed once at its end, and the deadline (the context's
/// token already fires a margin before Lambda's, see <see cref="DeadlineBudget"/>). HTTP and DynamoDB Streams
/// functions derive from it and only read their event, do the work and write their answer.
/// </summary>
public abstract class LambdaFunction : IInvocationHandler
{
    /// <summary>The log line's summary of an invocation that ended in a function error (Lambda will retry or report it).</summary>
    private static readonly InvocationSummary Failed = new("-", "function error", 500);

    protected LambdaFunction(LambdaLogger? logger)
    {
        Logger = logger ?? Log.Default;
        Metrics = new InvocationMetrics(new Metrics(Logger));
    }

    protected LambdaLogger Logger { get; }

    /// <summary>This invocation's metrics; flushed when it ends.</summary>
    public InvocationMetrics Metrics { get; }

    private string? _error;

    /// <summary>Why this invocation failed: written in its one log line (one ERROR line per failure, not two).</summary>
    protected void ReportError(string error) => _error = error;

    public ValueTask HandleAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context)
    {
        var started = Stopwatch.GetTimestamp();
        if (context.IsColdStart)
        {
            Metrics.Add("ColdStart", 1);
        }

        ValueTask<InvocationSummary> work;
        try
        {
            work = InvokeAsync(payload, response, context);
        }
        catch
        {
            Complete(Failed, context, started);
            throw;
        }

        // A warm cached GET completes synchronously: no second state machine on the hot path.
        if (work.IsCompletedSuccessfully)
        {
            Complete(work.Result, context, started);
            return ValueTask.CompletedTask;
        }

        return AwaitAsync(work, context, started);
    }

    private async ValueTask AwaitAsync(ValueTask<InvocationSummary> work, InvocationContext context, long started)
    {
        InvocationSummary summary;
        try
        {
            summary = await work.ConfigureAwait(false);
        }
        catch
        {
            Complete(Failed, context, started);
            throw;
        }

        Complete(summary, context, started);
    }

    private void Complete(InvocationSummary summary, InvocationContext context, long started)
    {
        var error = _error;
        _error = null;
        try
        {
            Logger.Request(new RequestLogEntry(
                context.RequestId, context.TraceId, context.IsColdStart, summary.Operation, summary.Target, summary.Status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, error));
        }
        finally
        {
            Metrics.Flush();
        }
    }

    /// <summary>Reads the event, does the work, writes the answer. An exception here is a Lambda function error.</summary>
    protected abstract ValueTask<InvocationSummary> InvokeAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context);
}
