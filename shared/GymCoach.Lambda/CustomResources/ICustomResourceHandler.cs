namespace GymCoach.Lambda.CustomResources;

/// <summary>
/// The work behind a custom resource. Throwing is a FAILED answer with the exception's message as the reason;
/// the function always answers, so a stack never waits an hour for a handler that died.
/// </summary>
public interface ICustomResourceHandler
{
    /// <summary>Create or Update: returns the physical id and the data the template may read with Fn::GetAtt.</summary>
    Task<CustomResourceResult> ApplyAsync(CustomResourceRequest request, CancellationToken cancellationToken);

    /// <summary>Delete (also sent after a failed Create): must succeed for a resource that was never created.</summary>
    Task<CustomResourceResult> DeleteAsync(CustomResourceRequest request, CancellationToken cancellationToken);
}

/// <summary>A successful outcome: the resource's physical id, a reason for the stack's events, and string data.</summary>
public sealed record CustomResourceResult(string PhysicalResourceId, string Reason, IReadOnlyDictionary<string, string>? Data = null);
