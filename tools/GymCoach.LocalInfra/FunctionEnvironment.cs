namespace GymCoach.LocalInfra;

/// <summary>
/// The environment Lambda gives a function process, for running a service's bootstrap by hand against
/// local servers (process tests, the cold-start benchmark). The local stack builds its own from the template.
/// </summary>
public static class FunctionEnvironment
{
    public static Dictionary<string, string?> Local(string runtimeApi, string dynamoEndpoint, string? table, string functionName = "local") => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoEndpoint,
        ["AWS_REGION"] = DynamoDbLocal.Region,
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["AWS_LAMBDA_FUNCTION_NAME"] = functionName,
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
        ["TABLE_NAME"] = table,
        ["FUNCTION_TIMEOUT_SECONDS"] = "10",
        ["MEDIA_BUCKET"] = "gymcoach-local-mediabucket",
        ["CURSOR_SIGNING_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };
}
