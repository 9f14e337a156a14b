using System.Text.Json.Nodes;
using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Http;
using GymCoach.Generator;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// serverless.template and docs/openapi.json are generated: the template from the shared resources' file and every
/// function's declaration, the API document from the route declarations. A change to either without regenerating
/// fails here (as Amazon.Lambda.Annotations keeps its template in step with the code).
/// </summary>
public sealed class GeneratedFilesTests
{
    [Fact]
    public void GeneratedFiles_AreWhatTheDeclarationsGenerate()
    {
        var root = RepoFiles.Root();

        foreach (var (path, expected) in RepoFiles.Expected(root, ServiceRouters.Projects))
        {
            Assert.True(
                File.Exists(path) && File.ReadAllText(path) == expected,
                $"{Path.GetRelativePath(root, path)} is stale: run 'dotnet run --project tools/GymCoach.Generator' and commit the result.");
        }
    }

    [Fact]
    public void OpenApi_ABodyFieldHoldingAnyJson_IsDocumentedAsAnyValueNotAString()
    {
        // A sync change's data is the entity's own JSON (an object), written from a JsonElement.
        var data = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoFiles.Root(), "docs", "openapi.json")))!["components"]!["schemas"]!["SyncChange"]!["properties"]!["data"]!.AsObject();

        Assert.False(data.ContainsKey("type"), data.ToJsonString());
        Assert.Contains("Any JSON value", data["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_FindsEveryServiceProject()
    {
        var projects = Directory.GetDirectories(Path.Combine(RepoFiles.Root(), "services")).Count(d => Directory.GetFiles(d, "*.csproj").Length > 0);

        Assert.Equal(projects, ServiceRouters.Services.Count);
        Assert.All(ServiceRouters.Services, s => Assert.NotEmpty(s.DescribeRoutes().Specs));
    }

    [Fact]
    public void SharedTemplate_DeclaresNoFunctionNorAnythingOfOne()
    {
        var shared = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoFiles.Root(), RepoFiles.SharedTemplateFile)))!;
        var generated = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoFiles.Root(), RepoFiles.TemplateFile)))!;
        var functions = generated["Resources"]!.AsObject().Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::Serverless::Function").Select(r => r.Key).ToList();

        Assert.Equal(ServiceRouters.Services.Sum(s => s.Functions().Declarations.Count), functions.Count);
        var sharedText = shared.ToJsonString();
        Assert.DoesNotContain("AWS::Serverless::Function", sharedText, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::SQS::Queue", sharedText, StringComparison.Ordinal);
        foreach (var function in functions)
        {
            Assert.DoesNotContain(function, sharedText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_NewServiceWithADeclaration_GetsItsWholeBlock()
    {
        var generated = Generate([.. ServiceRouters.Projects, new ServiceProject("services/Example/", new ExampleService())]);

        var resources = generated["Resources"]!;
        var function = resources["ExampleFunction"]!;
        Assert.Equal("services/Example/", function["Properties"]!["CodeUri"]!.GetValue<string>());
        Assert.Equal("GET", function["Properties"]!["Events"]!["GetExample"]!["Properties"]!["Method"]!.GetValue<string>());
        Assert.Equal("ExampleLogGroup", function["Properties"]!["LoggingConfig"]!["LogGroup"]!["Ref"]!.GetValue<string>());
        Assert.NotNull(resources["ExampleLogGroup"]);
        Assert.All(["ExampleErrorsAlarm", "ExampleThrottlesAlarm", "ExampleDurationAlarm"], a => Assert.NotNull(resources[a]));
        Assert.All(["ExampleMemorySize", "ExampleReservedConcurrency", "ExampleProvisionedConcurrency"], p => Assert.NotNull(generated["Parameters"]![p]));
        Assert.NotNull(generated["Conditions"]!["ExampleHasProvisionedConcurrency"]);

        var worker = resources["ExampleWorkerFunction"]!["Properties"]!;
        var events = worker["Events"]!["Changes"]!["Properties"]!;
        Assert.Equal("ExampleWorkerFailureQueue", events["DestinationConfig"]!["OnFailure"]!["Destination"]!["Fn::GetAtt"]![0]!.GetValue<string>());
        Assert.Equal("{\"dynamodb\":{\"NewImage\":{\"entity\":{\"S\":[\"Example\"]},\"status\":{\"S\":[\"done\"]}}}}", events["FilterCriteria"]!["Filters"]![0]!["Pattern"]!.GetValue<string>());
        Assert.All(["ExampleWorkerFailureQueue", "ExampleWorkerIteratorAgeAlarm", "ExampleWorkerFailureQueueDepthAlarm"], r => Assert.NotNull(resources[r]));
        Assert.Equal("120", worker["Environment"]!["Variables"]!["FUNCTION_TIMEOUT_SECONDS"]!.GetValue<string>());
        Assert.Equal(96000, resources["ExampleWorkerDurationAlarm"]!["Properties"]!["Threshold"]!.GetValue<int>());

        var dashboard = resources["Dashboard"]!["Properties"]!["DashboardBody"]!["Fn::Sub"]!.GetValue<string>();
        Assert.Contains("${ExampleFunction}", dashboard, StringComparison.Ordinal);
        Assert.Contains("${ExampleWorkerFailureQueue.QueueName}", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_TwoDeclarationsNamingOneFunction_IsRefused()
    {
        var twice = new ServiceProject("services/Example/", new ExampleService(ServiceRouters.Services[0].FunctionLogicalId));

        var refused = Assert.Throws<InvalidOperationException>(() => Generate([.. ServiceRouters.Projects, twice]));

        Assert.Contains("twice", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_TableGrantForEveryPartition_IsRefused()
    {
        var unfenced = new ExampleService(grant: Grant.TableItems(["dynamodb:Scan"], "*"));

        var refused = Assert.Throws<InvalidOperationException>(() => Generate([new ServiceProject("services/Example/", unfenced)]));

        Assert.Contains("never all of them", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_RouteAddedToADeclaration_ChangesTheTemplatesEvents()
    {
        var generated = Generate([ServiceRouters.Projects[0] with { Description = new ExtraRoute(ServiceRouters.Services[0]) }]).ToJsonString();

        Assert.Contains("\"HelloTest\"", generated, StringComparison.Ordinal);
        Assert.Contains("\"/hello-test\"", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_AnonymousRoute_OptsOutOfTheJwtAuthorizer()
    {
        var generated = Generate([ServiceRouters.Projects[0] with { Description = new ExtraRoute(ServiceRouters.Services[0], anonymous: true) }]);

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

    private static JsonNode Generate(IReadOnlyList<ServiceProject> projects) =>
        JsonNode.Parse(Generated.Template(File.ReadAllText(Path.Combine(RepoFiles.Root(), RepoFiles.SharedTemplateFile)), projects))!;

    private sealed class ExtraRoute(IServiceDescription inner, bool anonymous = false) : IServiceDescription
    {
        public FunctionTable Functions() => inner.Functions();

        public HttpFunction CreateFunction(ServiceDependencies dependencies)
        {
            var function = inner.CreateFunction(dependencies);
            function.Router.Map(new RouteSpec("GET /hello-test", "HelloTest") { Anonymous = anonymous }, _ => ValueTask.FromResult(HttpResult.NoContent()));
            return function;
        }
    }

    /// <summary>A fifth service as a newcomer would add it: an API and a stream worker, declared and nothing else.</summary>
    private sealed class ExampleService(string apiLogicalId = "ExampleFunction", Grant? grant = null) : IServiceDescription
    {
        public FunctionTable Functions() => new FunctionTable()
            .Add(
                new FunctionDeclaration
                {
                    LogicalId = apiLogicalId,
                    Name = "example",
                    Handler = FunctionTable.DefaultHandler,
                    Kind = FunctionKind.Api,
                    Description = "A service that exists for this test only.",
                    Grants = [grant ?? Grant.TableItems(["dynamodb:GetItem"], "USER#*")],
                },
                () => throw new NotSupportedException())
            .Add(
                new FunctionDeclaration
                {
                    LogicalId = "ExampleWorkerFunction",
                    Name = "example-worker",
                    Handler = "worker",
                    Kind = FunctionKind.StreamConsumer,
                    Description = "Its stream worker.",
                    TimeoutSeconds = 120,
                    Grants = [Grant.TableItems(["dynamodb:GetItem"], "USER#*")],
                    Streams = [new StreamSubscription("Changes", [StreamFilter.Entity("Example", StreamImage.New, "done")])],
                },
                () => throw new NotSupportedException());

        public HttpFunction CreateFunction(ServiceDependencies dependencies)
        {
            var router = new Router();
            router.Map(new RouteSpec("GET /example", "GetExample"), _ => ValueTask.FromResult(HttpResult.NoContent()));
            return new HttpFunction(router);
        }
    }
}
