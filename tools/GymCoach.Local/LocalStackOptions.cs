using GymCoach.LocalInfra;

namespace GymCoach.Local;

/// <summary>How to run the local stack; the command line maps onto this.</summary>
public sealed class LocalStackOptions
{
    public int Port { get; set; } = 3000;

    /// <summary>Throwaway database instead of data persisted under .local/dynamodb.</summary>
    public bool InMemory { get; set; }

    /// <summary>Build with the JIT instead of publishing Native AOT (fast edit loop).</summary>
    public bool Jit { get; set; }

    /// <summary>
    /// With <see cref="Jit"/>: build nothing, run each function from its project's own build in this tool's
    /// configuration (<c>bin/Debug/net10.0/bootstrap</c>, what <c>dotnet build</c> of the solution leaves), as
    /// <c>dotnet run --no-build</c> does. The tests' stack uses it so that no test starts a build and waits on it while the solution is building.
    /// </summary>
    public bool NoBuild { get; set; }

    /// <summary>Idle instances stop after this long, as Lambda recycles idle environments.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Concurrency of functions without ReservedConcurrentExecutions (the account limit's stand-in).</summary>
    public int DefaultConcurrency { get; set; } = 10;

    /// <summary>
    /// Instances of one function that run at once; more invokes (within its concurrency) wait for one. Lambda gives
    /// every instance its own CPU; this machine has <see cref="Environment.ProcessorCount"/> cores, and more
    /// processes than that mostly compete for them. 0 starts up to the function's concurrency, as Lambda does.
    /// </summary>
    public int MaxInstances { get; set; } = DefaultMaxInstances;

    /// <summary>Two per core, at least four: room for overlap (an instance waiting on DynamoDB uses no CPU) without a cold-start storm.</summary>
    public static int DefaultMaxInstances => Math.Max(4, 2 * Environment.ProcessorCount);

    public string TemplatePath { get; set; } = RepoPaths.Template;

    public string StateDirectory { get; set; } = RepoPaths.LocalState;

    public Action<string> Log { get; set; } = Console.WriteLine;
}
