namespace GymCoach.Lambda.Deployment;

/// <summary>
/// Everything the deployment knows about one function, declared once beside the code that runs it: the build tool
/// writes its whole block of <c>serverless.template</c> from this (function, log group, scaling parameters and
/// condition, alarms, dashboard lines, failure queue, stream mappings, custom resource), and the executable
/// selects it by <see cref="Handler"/>. A new function is a declaration, not a template edit.
/// </summary>
public sealed record FunctionDeclaration
{
    /// <summary>The default timeout of the template's Globals; a function declaring another gets <c>FUNCTION_TIMEOUT_SECONDS</c> set to match.</summary>
    public const int DefaultTimeoutSeconds = 10;

    /// <summary>The logical id of the function resource (e.g. <c>WorkoutsFunction</c>); its other resources are named after it.</summary>
    public required string LogicalId { get; init; }

    /// <summary>The short name: the deployed function is <c>gymcoach-{stage}-{Name}</c>, its log group follows.</summary>
    public required string Name { get; init; }

    /// <summary>The template's <c>Handler</c>: the name the executable's function table selects this function by.</summary>
    public required string Handler { get; init; }

    public required FunctionKind Kind { get; init; }

    /// <summary>What the function is for, shown in the Lambda console.</summary>
    public required string Description { get; init; }

    /// <summary>The <c>SERVICE_NAME</c> its logs and metrics carry; defaults to <see cref="Name"/>.</summary>
    public string? ServiceName { get; init; }

    /// <summary>The default of its memory parameter (MB).</summary>
    public int MemoryMb { get; init; } = 512;

    /// <summary>The default of its reserved concurrency parameter.</summary>
    public int ReservedConcurrency { get; init; } = 50;

    /// <summary>What an operator should know when setting its reserved concurrency (added to the parameter's description), or null.</summary>
    public string? ConcurrencyNote { get; init; }

    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>Time kept back from the deadline to save progress and hand over (<c>DEADLINE_MARGIN_MS</c>); null: the runtime's default.</summary>
    public int? DeadlineMarginMs { get; init; }

    /// <summary>The IAM permissions it uses, and nothing more (the API kind adds the rate limiter's).</summary>
    public IReadOnlyList<Grant> Grants { get; init; } = [];

    /// <summary>Environment variables beyond those every function gets.</summary>
    public IReadOnlyDictionary<string, TemplateValue> Environment { get; init; } = new Dictionary<string, TemplateValue>();

    /// <summary>Its mappings on the table's stream (a stream consumer has at least one).</summary>
    public IReadOnlyList<StreamSubscription> Streams { get; init; } = [];

    /// <summary>The custom resource it backs, if it is one.</summary>
    public CustomResourceDeclaration? CustomResource { get; init; }

    /// <summary>Resources that must exist before it is created (the API function waits for the library it serves).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The prefix of its other resources' logical ids: <c>WorkoutsFunction</c> → <c>Workouts</c>.</summary>
    public string ResourcePrefix => LogicalId.EndsWith("Function", StringComparison.Ordinal) ? LogicalId[..^"Function".Length] : LogicalId;

    /// <summary>Whether the stage scales it (memory, reserved and provisioned concurrency parameters): not a custom resource, which runs on deploys only.</summary>
    public bool Scales => Kind != FunctionKind.CustomResource;
}
