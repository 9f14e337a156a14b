namespace GymCoach.Local.Emulation;

/// <summary>Everything needed to start instances of one template function.</summary>
public sealed record FunctionSpec(
    string Name,
    string Executable,
    IReadOnlyDictionary<string, string> Environment,
    int MemorySizeMb,
    TimeSpan Timeout,
    int ConcurrencyLimit,
    string Handler);
