using System.Globalization;

namespace GymCoach.Lambda.Runtime;

/// <summary>
/// The function's configured timeout. Lambda tells a function its deadline per invocation but not its
/// timeout, which leases and retry budgets need before any invocation: the template passes the same value it
/// configures as <c>FUNCTION_TIMEOUT_SECONDS</c> (a deployment test keeps the two equal).
/// </summary>
public static class FunctionTimeout
{
    public const string Variable = "FUNCTION_TIMEOUT_SECONDS";

    /// <summary>Lambda's own limits: 1 second to 15 minutes.</summary>
    public const int MaxSeconds = 900;

    /// <summary>The timeout from the environment; an init error when it is missing or out of range.</summary>
    public static TimeSpan FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static TimeSpan Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"{Variable} must be the function's timeout in seconds (1 to {MaxSeconds}); it is '{value}'.");
}
