namespace GymCoach.Lambda.Logging;

/// <summary>The process-wide logger on standard output, configured from Lambda's environment at first use.</summary>
public static class Log
{
    private static LambdaLogger? _default;

    public static LambdaLogger Default
    {
        get => _default ??= LambdaLogger.FromEnvironment(Console.OpenStandardOutput());
        set => _default = value;
    }

    public static void Info(string message, string? requestId = null) => Default.Write(LogLevel.Info, message, requestId);

    public static void Error(string message, string? requestId = null) => Default.Write(LogLevel.Error, message, requestId);
}
