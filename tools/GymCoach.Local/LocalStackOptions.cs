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

    /// <summary>Idle instances stop after this long, as Lambda recycles idle environments.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Concurrency of functions without ReservedConcurrentExecutions (the account limit's stand-in).</summary>
    public int DefaultConcurrency { get; set; } = 10;

    public string TemplatePath { get; set; } = RepoPaths.Template;

    public string StateDirectory { get; set; } = RepoPaths.LocalState;

    public Action<string> Log { get; set; } = Console.WriteLine;
}
