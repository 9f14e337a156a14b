using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Functions;

namespace GymCoach.Data.Limits;

/// <summary>
/// The declaration of a service's HTTP API function. Every one is limited per account (<see cref="UserRateLimiter"/>),
/// so every one gets the limiter's grant and the stage's limits here, once; a service gives only what is its own.
/// </summary>
public static class ApiDeclaration
{
    public static FunctionDeclaration For(string logicalId, string name, string description, IReadOnlyList<Grant> grants, IReadOnlyDictionary<string, TemplateValue>? environment = null) => new()
    {
        LogicalId = logicalId,
        Name = name,
        Handler = FunctionTable.DefaultHandler,
        Kind = FunctionKind.Api,
        Description = description,
        Environment = environment is null
            ? RateLimits.TemplateEnvironment
            : RateLimits.TemplateEnvironment.Concat(environment).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        Grants = [.. grants, UserRateLimiter.Permission],
    };
}
