using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GymCoach.LocalInfra;

/// <summary>
/// An emulated Lambda Runtime API (2018-06-01) for one execution environment: the function process long-polls
/// <c>/runtime/invocation/next</c>, we hand it queued events and complete each caller's task when it posts a
/// response or an error. Used by the runtime tests and by the local stack (one server per instance).
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentDictionary<string, Pending> _inFlight = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InvocationResult> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failNextGets;
    private TaskCompletionSource? _nextPoll;

    private RuntimeApiServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Completes when the function posts to /runtime/init/error.</summary>
    public Task<InvocationResult> InitError => _initError.Task;

    /// <summary>Completes when the function first asks for work: the end of its init phase.</summary>
    public Task FirstPoll => _firstPoll.Task;

    /// <summary>
    /// Completes at the next GET next from now on. With one warmed server for a series of processes (the
    /// cold-start table), it marks each process's end of init where <see cref="FirstPoll"/> marks only the first.
    /// </summary>
    public Task NextPoll()
    {
        var poll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _nextPoll, poll);
        return poll.Task;
    }

    /// <summary>Every trace id handed out, in order (tests check they reach the function).</summary>
    public ConcurrentQueue<string> TraceIds { get; } = new();

    public static async Task<RuntimeApiServer> StartAsync(int port = 0)
    {
        // No config-file watching: each watcher is an inotify instance, the kernel allows 128 per user, and the
        // local stack runs one server per function instance (up to 50 a function).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        RuntimeApiServer? server = null;
        app.MapGet("/2018-06-01/runtime/invocation/next", (HttpContext context) => server!.NextAsync(context));
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/response", (HttpContext context, string requestId) => server!.CompleteAsync(context, requestId, InvocationOutcome.Response));
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/error", (HttpContext context, string requestId) => server!.CompleteAsync(context, requestId, InvocationOutcome.FunctionError));
        app.MapPost("/2018-06-01/runtime/init/error", (HttpContext context) => server!.InitErrorAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First();
        var actualPort = new Uri(address).Port;
        server = new RuntimeApiServer(app, actualPort);
        return server;
    }

    /// <summary>Makes the next <paramref name="count"/> GET next calls answer 500 (a broken environment).</summary>
    public void FailNextGets(int count = 1) => Interlocked.Exchange(ref _failNextGets, count);

    /// <summary>Queues an event and waits for the function's answer, or for <paramref name="timeout"/>.</summary>
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, TimeSpan timeout, string? requestId = null, string? traceId = null, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(
            requestId ?? Guid.NewGuid().ToString(),
            payload.ToArray(),
            DateTimeOffset.UtcNow + timeout,
            traceId ?? NewTraceId());
        _inFlight[pending.RequestId] = pending;
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);

        var finished = await Task.WhenAny(pending.Result.Task, _initError.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        _inFlight.TryRemove(pending.RequestId, out _);
        if (finished == pending.Result.Task)
        {
            return await pending.Result.Task.ConfigureAwait(false);
        }

        if (finished == _initError.Task)
        {
            return await _initError.Task.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new InvocationResult(InvocationOutcome.TimedOut, [], null, pending.Elapsed);
    }

    /// <summary>An X-Ray trace header: <c>Root=1-{epoch hex}-{96 random bits};Parent=…;Sampled=0</c>.</summary>
    public static string NewTraceId() =>
        $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]};Parent={Guid.NewGuid().ToString("N")[..16]};Sampled=0";

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Not stopped gracefully within 2 s (a loaded machine): the connections are dropped below instead.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task NextAsync(HttpContext context)
    {
        _firstPoll.TrySetResult();
        Interlocked.Exchange(ref _nextPoll, null)?.TrySetResult();
        if (Interlocked.Decrement(ref _failNextGets) >= 0)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("{\"errorMessage\":\"environment broken\"}").ConfigureAwait(false);
            return;
        }

        Interlocked.Exchange(ref _failNextGets, 0);
        Pending pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            context.Response.StatusCode = 500;
            return;
        }

        pending.Started.Restart();
        TraceIds.Enqueue(pending.TraceId);
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:local";
        headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = pending.Payload.Length;
        await context.Response.Body.WriteAsync(pending.Payload).ConfigureAwait(false);
    }

    private async Task CompleteAsync(HttpContext context, string requestId, InvocationOutcome outcome)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (!_inFlight.TryGetValue(requestId, out var pending))
        {
            context.Response.StatusCode = 400;
            return;
        }

        if (outcome == InvocationOutcome.Response && body.Length > 6 * 1024 * 1024)
        {
            context.Response.StatusCode = 413;
            return;
        }

        var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault();
        pending.Result.TrySetResult(new InvocationResult(outcome, body, errorType, pending.Elapsed));
        context.Response.StatusCode = 202;
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        _initError.TrySetResult(new InvocationResult(
            InvocationOutcome.InitError, body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), TimeSpan.Zero));
        context.Response.StatusCode = 202;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private sealed class Pending(string requestId, byte[] payload, DateTimeOffset deadline, string traceId)
    {
        public string RequestId { get; } = requestId;

        public byte[] Payload { get; } = payload;

        public DateTimeOffset Deadline { get; } = deadline;

        public string TraceId { get; } = traceId;

        public Stopwatch Started { get; } = Stopwatch.StartNew();

        public TimeSpan Elapsed => Started.Elapsed;

        public TaskCompletionSource<InvocationResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
