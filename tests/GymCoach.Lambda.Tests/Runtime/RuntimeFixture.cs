using System.Buffers;
using System.Text;
using GymCoach.Lambda.Logging;
using GymCoach.Lambda.Runtime;
using GymCoach.LocalInfra;

namespace GymCoach.Lambda.Tests.Runtime;

/// <summary>Runs <see cref="LambdaHost"/> in process against a real emulated Runtime API on loopback.</summary>
internal sealed class RuntimeFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RuntimeFixture(RuntimeApiServer server, Task<int> loop)
    {
        Server = server;
        Loop = loop;
    }

    public RuntimeApiServer Server { get; }

    public Task<int> Loop { get; private set; }

    public static async Task<RuntimeFixture> StartAsync(Func<IInvocationHandler> initialize, Action<RuntimeApiServer>? beforeLoop = null, TimeSpan? margin = null)
    {
        Log.Default = new LambdaLogger(Stream.Null, "test", json: true);
        var server = await RuntimeApiServer.StartAsync();
        beforeLoop?.Invoke(server);
        var fixture = new RuntimeFixture(server, Task.CompletedTask.ContinueWith(_ => 0, TaskScheduler.Default));
        fixture.Loop = Task.Run(() => LambdaHost.RunAsync(initialize, new LambdaEnvironment { RuntimeApi = server.Address, DeadlineMargin = margin ?? DeadlineBudget.DefaultMargin }, fixture._stop.Token));
        return fixture;
    }

    public Task<InvocationResult> InvokeAsync(string payload, TimeSpan? timeout = null, string? traceId = null) =>
        Server.InvokeAsync(Encoding.UTF8.GetBytes(payload), timeout ?? TimeSpan.FromSeconds(10), traceId: traceId);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(Loop, Task.Delay(5000));
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>A handler made of a delegate, for tests.</summary>
internal sealed class DelegateHandler(Func<ReadOnlyMemory<byte>, InvocationContext, ValueTask<string>> handle) : IInvocationHandler
{
    public async ValueTask HandleAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context)
    {
        var answer = await handle(payload, context);
        response.Write(Encoding.UTF8.GetBytes(answer));
    }
}
