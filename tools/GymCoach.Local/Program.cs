using System.Globalization;
using System.Runtime.InteropServices;
using GymCoach.Local;
using GymCoach.Local.Gateway;
using GymCoach.LocalInfra;

// dotnet run --project tools/GymCoach.Local [-- --port 3000 --in-memory --jit --idle-timeout 600]
// dotnet run --project tools/GymCoach.Local -- token --sub alice [--ttl 3600]
// dotnet run --project tools/GymCoach.Local -- tokens --count 200 --out users.csv [--prefix load-user-] [--ttl 7200]
if (args.Length > 0 && args[0] is "token" or "tokens")
{
    var ttl = TimeSpan.FromSeconds(int.Parse(Option(args, "--ttl") ?? (args[0] == "token" ? "3600" : "7200"), CultureInfo.InvariantCulture));
    var stateDirectory = Option(args, "--state-dir") is { } dir ? Path.GetFullPath(dir) : RepoPaths.LocalState;
    var signer = LocalTokens.LoadOrCreate(Path.Combine(stateDirectory, "jwt-signing-key.pem"));
    if (args[0] == "token")
    {
        Console.WriteLine(signer.Issue(Option(args, "--sub") ?? "local-user", ttl));
        return 0;
    }

    if (Option(args, "--out") is not { } outPath)
    {
        Console.Error.WriteLine("tokens needs --out FILE (a sub,token CSV for the load test)");
        return 2;
    }

    var count = int.Parse(Option(args, "--count") ?? "200", CultureInfo.InvariantCulture);
    TokenBatch.Write(signer, outPath, count, Option(args, "--prefix") ?? "load-user-", ttl);
    Console.WriteLine($"{count} tokens written to {outPath}");
    return 0;
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine($"""
        GymCoach local stack: every function of serverless.template behind a local HTTP API.
          --port N            gateway port (default 3000)
          --in-memory         throwaway DynamoDB instead of data under .local/dynamodb
          --jit               JIT builds instead of Native AOT publishing (fast edit loop)
          --no-build          with --jit: run each function from its project's build as 'dotnet build' left it
          --idle-timeout S    stop instances idle for S seconds (default 600)
          --max-instances N   instances of a function running at once; more invokes wait (default {LocalStackOptions.DefaultMaxInstances},
                              two per core); 0 starts one per concurrent invoke up to its concurrency, as Lambda does
          --state-dir DIR     where data, keys and builds live (default .local/)
        token --sub NAME [--ttl S]   print a bearer token the local gateway accepts
        tokens --count N --out FILE [--prefix P] [--ttl S]
                            a sub,token CSV of N users for the load test
        """);
    return 0;
}

if (args.Contains("--no-build") && !args.Contains("--jit"))
{
    Console.Error.WriteLine("--no-build goes with --jit (it runs the JIT builds 'dotnet build' left; the AOT publish has no such build to reuse)");
    return 2;
}

var options = new LocalStackOptions
{
    Port = int.Parse(Option(args, "--port") ?? "3000", CultureInfo.InvariantCulture),
    InMemory = args.Contains("--in-memory"),
    Jit = args.Contains("--jit"),
    NoBuild = args.Contains("--no-build"),
    IdleTimeout = TimeSpan.FromSeconds(int.Parse(Option(args, "--idle-timeout") ?? "600", CultureInfo.InvariantCulture)),
    MaxInstances = Option(args, "--max-instances") is { } max ? int.Parse(max, CultureInfo.InvariantCulture) : LocalStackOptions.DefaultMaxInstances,
    StateDirectory = Option(args, "--state-dir") is { } state ? Path.GetFullPath(state) : RepoPaths.LocalState,
};

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

LocalStack stack;
try
{
    stack = await LocalStack.StartAsync(options, stop.Token);
}
catch (OperationCanceledException)
{
    return 130;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await using (stack)
{
    Console.WriteLine($"GymCoach local API ready on {stack.BaseUrl} (started in {stack.StartupTime.TotalSeconds:F1} s)");
    Console.WriteLine($"  token: dotnet run --project tools/GymCoach.Local -- token --sub alice");
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping…");
    }
}

return 0;

static string? Option(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
