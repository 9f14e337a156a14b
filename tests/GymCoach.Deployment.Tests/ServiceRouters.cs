using GymCoach.Lambda.Http;
using GymCoach.Generator;

namespace GymCoach.Deployment.Tests;

/// <summary>Every service's router by its template function, discovered by convention (no list to keep).</summary>
internal static class ServiceRouters
{
    public static readonly IReadOnlyList<ServiceProject> Projects = ServiceCatalog.DiscoverProjects();

    public static readonly IReadOnlyList<IServiceDescription> Services = Projects.Select(p => p.Description).ToList();

    public static readonly IReadOnlyDictionary<string, Func<Router>> ByFunction =
        Services.ToDictionary(s => s.FunctionLogicalId, s => (Func<Router>)s.DescribeRoutes, StringComparer.Ordinal);

    /// <summary>Every service's function logical id, for a theory run once per service.</summary>
    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (var service in Services)
        {
            data.Add(service.FunctionLogicalId);
        }

        return data;
    }
}
