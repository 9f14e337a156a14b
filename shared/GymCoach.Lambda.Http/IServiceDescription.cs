namespace GymCoach.Lambda.Http;

/// <summary>
/// What a service tells the build about itself: the template function that serves it and how to build that
/// function. Tools and tests find every implementation by convention (one per <c>services/*</c> project), so
/// adding a service adds its routes to the template, the API document, the process tests and the route-table
/// safety net without a list to edit.
/// </summary>
public interface IServiceDescription
{
    /// <summary>The HTTP function's logical id in <c>serverless.template</c>: its API declaration's.</summary>
    string FunctionLogicalId => Functions().Declarations.Single(d => d.Kind == Deployment.FunctionKind.Api).LogicalId;

    /// <summary>
    /// Every function the executable serves, each added with its <see cref="Deployment.FunctionDeclaration"/>
    /// (selected by its <c>Handler</c>: <c>bootstrap</c> for the HTTP API, a stream consumer or a custom resource
    /// under names of their own) and built from the environment. <c>Program.cs</c> runs this table; the build writes
    /// each declared function's whole template block from it.
    /// </summary>
    Functions.FunctionTable Functions();

    /// <summary>The service's HTTP function over <paramref name="dependencies"/>.</summary>
    HttpFunction CreateFunction(ServiceDependencies dependencies);

    /// <summary>The route table, built over dependencies that are never called: only its <see cref="RouteSpec"/>s are read.</summary>
    Router DescribeRoutes() => CreateFunction(ServiceDependencies.Unused()).Router;
}
