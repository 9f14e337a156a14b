namespace GymCoach.Lambda.Runtime;

/// <summary>
/// The environment variables Lambda hands a function, read once at init. Tests build one by hand
/// instead of mutating the process environment.
/// </summary>
public sealed record LambdaEnvironment
{
    public required string RuntimeApi { get; init; }

    public string FunctionName { get; init; } = "local";

    public string? Handler { get; init; }

    public int? MemorySizeMb { get; init; }

    public bool JsonLogs { get; init; }

    /// <summary>How long before the deadline the handler's token fires (see <see cref="DeadlineBudget"/>).</summary>
    public TimeSpan DeadlineMargin { get; init; } = DeadlineBudget.DefaultMargin;

    public static LambdaEnvironment FromProcess()
    {
        var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (string.IsNullOrWhiteSpace(api))
        {
            throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this binary runs under Lambda or the local emulator.");
        }

        return new LambdaEnvironment
        {
            RuntimeApi = api,
            FunctionName = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "local",
            Handler = Environment.GetEnvironmentVariable("_HANDLER"),
            MemorySizeMb = int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), out var mb) ? mb : null,
            JsonLogs = string.Equals(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase),
            DeadlineMargin = DeadlineBudget.MarginFromEnvironment(),
        };
    }
}
