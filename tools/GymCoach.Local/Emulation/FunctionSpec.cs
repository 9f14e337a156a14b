namespace GymCoach.Local.Emulation;

/// <summary>Everything needed to start instances of one template function.</summary>
public sealed record FunctionSpec(
    string Name,
    string Executable,
    IReadOnlyDictionary<string, string> Environment,
    int MemorySizeMb,
    TimeSpan Timeout,
    int ConcurrencyLimit,
    string Handler)
{
    /// <summary>
    /// How long an instance's init may take: Lambda's 10 s for the Native AOT binary Lambda runs. A JIT build
    /// compiles at start what the AOT binary has precompiled, and on a busy machine (a test suite on two cores
    /// starting a dozen instances at once) that alone can pass 10 s, so the stack gives JIT builds longer.
    /// </summary>
    public TimeSpan InitLimit { get; init; } = FunctionInstance.InitLimit;
}
