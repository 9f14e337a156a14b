namespace GymCoach.Lambda.Deployment;

/// <summary>
/// What invokes a function, which decides what the generated template gives it beyond its declaration: an API
/// function gets the account rate limits and the API's p99 alarm; a stream consumer gets a failure queue and an
/// iterator-age alarm; a custom resource is run by CloudFormation only and scales with nothing.
/// </summary>
public enum FunctionKind
{
    /// <summary>Serves routes of the HTTP API (its events are its routes).</summary>
    Api,

    /// <summary>Reads the table's stream through one or more event source mappings.</summary>
    StreamConsumer,

    /// <summary>Backs a CloudFormation custom resource.</summary>
    CustomResource,
}
