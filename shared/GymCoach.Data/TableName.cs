namespace GymCoach.Data;

/// <summary>The one table's name, from <c>TABLE_NAME</c> (the template sets it from the table resource).</summary>
public static class TableName
{
    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable("TABLE_NAME") is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("TABLE_NAME is not set.");
}
