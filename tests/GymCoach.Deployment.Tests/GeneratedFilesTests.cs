using GymCoach.Routes;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// The template's HttpApi events and docs/openapi.json are generated from the route declarations; a change to
/// a route without regenerating them fails here (as Amazon.Lambda.Annotations keeps its template in step).
/// </summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void GeneratedFiles_AreWhatTheRouteDeclarationsGenerate()
    {
        var root = RepoFiles.Root();

        foreach (var (path, expected) in RepoFiles.Expected(root, ServiceRouters.Services))
        {
            Assert.True(
                File.Exists(path) && File.ReadAllText(path) == expected,
                $"{Path.GetRelativePath(root, path)} is stale: run 'dotnet run --project tools/GymCoach.Routes' and commit the result.");
        }
    }

    [Fact]
    public void Discovery_FindsEveryServiceProject()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepoFiles.Root(), "services")).Count(d => Directory.GetFiles(d, "*.csproj").Length > 0);

        Assert.Equal(projects, ServiceRouters.Services.Count);
        Assert.All(ServiceRouters.Services, s => Assert.NotEmpty(s.DescribeRoutes().Specs));
    }

    [Fact]
    public void Generator_RouteAddedToADeclaration_ChangesTheTemplatesEvents()
    {
        var root = RepoFiles.Root();
        var template = File.ReadAllText(Path.Combine(root, RepoFiles.TemplateFile));
        var withExtra = new[] { new ExtraRoute(ServiceRouters.Services[0]) };

        var generated = Generated.Template(template, withExtra);

        Assert.Contains("\"HelloTest\"", generated, StringComparison.Ordinal);
        Assert.Contains("\"/hello-test\"", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_AnonymousRoute_OptsOutOfTheJwtAuthorizer()
    {
        var template = File.ReadAllText(Path.Combine(RepoFiles.Root(), RepoFiles.TemplateFile));

        var generated = System.Text.Json.Nodes.JsonNode.Parse(Generated.Template(template, [new ExtraRoute(ServiceRouters.Services[0], anonymous: true)]))!;

        var events = generated["Resources"]![ServiceRouters.Services[0].FunctionLogicalId]!["Properties"]!["Events"]!;
        var declared = ServiceRouters.Services[0].DescribeRoutes().Specs.First(r => !r.Anonymous).Name;
        Assert.Equal("NONE", events["HelloTest"]!["Properties"]!["Auth"]!["Authorizer"]!.GetValue<string>());
        Assert.Null(events[declared]!["Properties"]!["Auth"]);
    }

    [Fact]
    public void OpenApi_SameRouteNameInTwoServices_IsRefused()
    {
        var service = ServiceRouters.Services[0];

        Assert.Throws<InvalidOperationException>(() => Generated.OpenApi([service, new ExtraRoute(service)]));
    }

    private sealed class ExtraRoute(Lambda.Http.IServiceDescription inner, bool anonymous = false) : Lambda.Http.IServiceDescription
    {
        public string FunctionLogicalId => inner.FunctionLogicalId;

        public Lambda.Functions.FunctionTable Functions() => inner.Functions();

        public Lambda.Http.HttpFunction CreateFunction(Lambda.Http.ServiceDependencies dependencies)
        {
            var function = inner.CreateFunction(dependencies);
            function.Router.Map(new Lambda.Http.RouteSpec("GET /hello-test", "HelloTest") { Anonymous = anonymous }, _ => ValueTask.FromResult(Lambda.Http.HttpResult.NoContent()));
            return function;
        }
    }
}
