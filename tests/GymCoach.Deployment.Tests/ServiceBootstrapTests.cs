using System.Text;
using GymCoach.LocalInfra;
using GymCoach.Generator;
using GymCoach.TestSupport;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// Every service's executable as Lambda runs it — a separate process configured only by its environment,
/// behind an emulated Runtime API — driven from its own route table, so a new service is covered without a
/// line here. Runs the Native AOT binaries when <c>GYMCOACH_PUBLISH_DIR</c> names the folder holding
/// <c>&lt;Service&gt;/bootstrap</c> (CI does, after publishing every service), else the JIT builds.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class ServiceBootstrapTests(DynamoDbFixture dynamo)
{
    public static TheoryData<string> Services()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetDirectories(Path.Combine(RepoFiles.Root(), "services")).Where(d => Directory.GetFiles(d, "*.csproj").Length > 0).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Bootstrap_EveryRouteWithoutIdentityAsItsOwnerAndAnUnknownRoute_AnswersAndStaysUp(string service)
    {
        var routes = DescriptionOf(service).DescribeRoutes().Specs;
        var table = await dynamo.CreateTableAsync();
        await using var runtimeApi = await RuntimeApiServer.StartAsync();
        await using var process = Start(service, runtimeApi, table, handler: null);

        foreach (var route in routes.Where(r => !r.Anonymous))
        {
            var path = route.Path.Replace("{", "x", StringComparison.Ordinal).Replace("}", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal);
            var anonymous = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request(route.Method, path, sub: null, body: route.Example), process);
            Assert.True(anonymous.Status == 401, $"{service} {route.RouteKey} without identity: {anonymous.Status}");
            Assert.Equal("application/problem+json", anonymous.Header("content-type"));
        }

        // The data path as the owner: every route that takes a body writes its example, then every read answers.
        foreach (var route in routes.Where(r => r.Example is not null && !r.Path.Contains('{', StringComparison.Ordinal)))
        {
            var headers = route.Idempotent ? new Dictionary<string, string> { ["idempotency-key"] = "process-" + route.Name } : null;
            var written = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request(route.Method, route.Path, "owner", route.Example, headers), process);
            Assert.True(written.Status is >= 200 and < 300, $"{service} {route.RouteKey} as the owner: {written.Status} {written.Body}");
        }

        foreach (var route in routes.Where(r => r.Method == "GET" && !r.Path.Contains('{', StringComparison.Ordinal)))
        {
            var read = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", route.Path, "owner"), process);
            Assert.True(read.Status == 200, $"{service} {route.RouteKey} as the owner: {read.Status} {read.Body}");
        }

        var unknown = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/no-such-route-" + service.ToLowerInvariant(), "alice"), process);

        Assert.Equal(404, unknown.Status);
        Assert.False(process.HasExited, process.Output);
        Assert.Contains("\"ColdStart\":1", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Bootstrap_UnknownHandler_ReportsAnInitErrorAndExits(string service)
    {
        var table = await dynamo.CreateTableAsync();
        await using var runtimeApi = await RuntimeApiServer.StartAsync();
        await using var process = Start(service, runtimeApi, table, handler: "no-such-function");

        var initError = await BootstrapProcess.InitErrorThenExitAsync(runtimeApi, process);

        Assert.Contains("no-such-function", Encoding.UTF8.GetString(initError.Body), StringComparison.Ordinal);
        Assert.NotEqual(0, process.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Bootstrap_OneAccountPastItsRequestLimit_Answers429WithRetryAfter(string service)
    {
        // A write route, the limit most routes meet; a service that only reads (sync) meets the reads' limit.
        var routes = DescriptionOf(service).DescribeRoutes().Specs.Where(r => !r.Anonymous && !r.DuringDeletion && !r.Path.Contains('{', StringComparison.Ordinal)).ToList();
        var route = routes.FirstOrDefault(r => r.Method != "GET") ?? routes.First();
        var limit = route.Method == "GET" ? GymCoach.Data.Limits.RateLimits.ReadsVariable : GymCoach.Data.Limits.RateLimits.WritesVariable;
        var table = await dynamo.CreateTableAsync();
        await using var runtimeApi = await RuntimeApiServer.StartAsync();
        await using var process = Start(service, runtimeApi, table, handler: null, new() { [limit] = "3" });

        // Three requests in a 10 s window: eight sent within a second span two windows at most, so at least two are refused.
        var answers = new List<TestResponse>();
        for (var i = 0; i < 8; i++)
        {
            var headers = route.Idempotent ? new Dictionary<string, string> { ["idempotency-key"] = "limit-" + i } : route.Conditional ? new() { ["if-match"] = "*" } : null;
            answers.Add(await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request(route.Method, route.Path, "hasty", route.Example, headers), process));
        }

        var refused = answers.Where(a => a.Status == 429).ToList();
        Assert.True(refused.Count >= 2, $"{service} {route.RouteKey}: {string.Join(", ", answers.Select(a => a.Status))}");
        Assert.All(refused, r => Assert.InRange(int.Parse(r.Header("retry-after")!, System.Globalization.CultureInfo.InvariantCulture), 1, 10));
        Assert.All(answers.Where(a => a.Status != 429), a => Assert.True(a.Status < 500, $"{a.Status} {a.Body}"));
    }

    /// <summary>
    /// Lambda's <c>provided.al2023</c> carries no zoneinfo: the functions must know every zone on their own. With the
    /// system's zone database out of reach (TZDIR at an empty folder, which .NET reads instead of /usr/share/zoneinfo),
    /// Profiles still accepts Australia/Sydney and Analytics still counts this week where the lifter is — in Sydney,
    /// and in two zones chosen so that their week cannot be UTC's.
    /// </summary>
    [Fact]
    public async Task Bootstraps_WithoutSystemZoneinfo_ValidateZonesAndCountTheLiftersWeek()
    {
        var table = await dynamo.CreateTableAsync();
        var noZoneinfo = Directory.CreateTempSubdirectory("no-zoneinfo-").FullName;
        var environment = new Dictionary<string, string> { ["TZDIR"] = noZoneinfo, ["TZ"] = string.Empty };
        await using var runtimeApi = await RuntimeApiServer.StartAsync();
        await using (var profiles = Start("Profiles", runtimeApi, table, handler: null, environment))
        {
            var sydney = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("PUT", "/profiles/me", "syd", """{"displayName":"Syd","timeZone":"Australia/Sydney"}"""), profiles);
            Assert.True(sydney.Status == 201, sydney.Body);
            Assert.Equal("Australia/Sydney", sydney.Json.GetProperty("timeZone").GetString());
        }

        // A zone whose today is not UTC's now (a day ahead, or a day behind), with a workout planned on each of
        // the two days: the next one is the one on the lifter's today, which a UTC calendar would not pick.
        var now = DateTimeOffset.UtcNow;
        var zone = now.Hour >= 12 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
        var localToday = Data.Calendar.LocalCalendar.DayOf(now, zone);
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        Assert.NotEqual(utcToday, localToday); // the precondition: the zone is on another day than UTC
        await PutAsync(table, "far", Data.Keys.ProfileSortKey, new() { [Data.Keys.EntityType] = new() { S = Data.Contracts.EntityTypes.Profile }, [Data.Contracts.ProfileContract.TimeZone] = new() { S = zone } });
        foreach (var day in new[] { utcToday, localToday })
        {
            var id = Data.Ulid.NewId(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            await PutAsync(table, "far", Data.Keys.Schedule(id), new()
            {
                [Data.Keys.EntityType] = new() { S = Data.Contracts.EntityTypes.ScheduledWorkout },
                [Data.Contracts.ScheduledWorkoutContract.Id] = new() { S = id },
                [Data.Contracts.ScheduledWorkoutContract.Date] = new() { S = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                [Data.Contracts.ScheduledWorkoutContract.Name] = new() { S = "Planned " + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                [Data.Contracts.ScheduledWorkoutContract.Status] = new() { S = Data.Contracts.ScheduledWorkoutContract.Planned },
            });
        }

        await using var analytics = Start("Analytics", runtimeApi, table, handler: null, environment);
        var syd = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/analytics/dashboard", "syd"), analytics);
        var far = await BootstrapProcess.InvokeAsync(runtimeApi, ApiEvents.Request("GET", "/analytics/dashboard", "far"), analytics);

        Assert.True(syd.Status == 200, syd.Body);
        Assert.True(far.Status == 200, far.Body);
        Assert.Equal(WeekOf(now, "Australia/Sydney", DayOfWeek.Monday), syd.Json.GetProperty("thisWeek").GetProperty("weekStart").GetString());
        Assert.Equal(localToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), far.Json.GetProperty("nextWorkout").GetProperty("date").GetString());
        Assert.Empty(Directory.GetFileSystemEntries(noZoneinfo));
    }

    private Task PutAsync(string table, string sub, string sortKey, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> attributes)
    {
        attributes[Data.Keys.PartitionKey] = new() { S = Data.Keys.User(sub) };
        attributes[Data.Keys.SortKey] = new() { S = sortKey };
        return dynamo.Client.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest { TableName = table, Item = attributes });
    }

    private static string WeekOf(DateTimeOffset now, string zone, DayOfWeek start)
    {
        var today = Data.Calendar.LocalCalendar.DayOf(now, zone);
        return today.AddDays(-(((int)today.DayOfWeek - (int)start + 7) % 7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private ChildProcess Start(string service, RuntimeApiServer runtimeApi, string table, string? handler, Dictionary<string, string>? extra = null)
    {
        var environment = FunctionEnvironment.Local(runtimeApi.Address, dynamo.Server.Endpoint, table, service.ToLowerInvariant());
        environment["_HANDLER"] = handler ?? "bootstrap";
        foreach (var (name, value) in extra ?? [])
        {
            environment[name] = value;
        }

        // Every other variable the template gives the function: literal values as they are, references to
        // resources (a bucket) as a local stand-in name — the process must start on the template's environment alone.
        var description = DescriptionOf(service);
        var function = LocalInfra.TemplateModel.Load().Functions.Single(f => f.LogicalId == description.FunctionLogicalId);
        foreach (var (name, value) in function.Environment)
        {
            if (!environment.ContainsKey(name))
            {
                environment[name] = value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : "gymcoach-local-" + name.ToLowerInvariant().Replace('_', '-');
            }
        }
        var published = Environment.GetEnvironmentVariable("GYMCOACH_PUBLISH_DIR");
        if (published is { Length: > 0 })
        {
            return ChildProcess.Start(service, Path.Combine(published, service, "bootstrap"), [], environment: environment);
        }

        return ChildProcess.Start(service, "dotnet", [ServiceCatalog.BuildOutput(Path.Combine(RepoFiles.Root(), "services", service))], environment: environment);
    }

    /// <summary>The description loaded from <c>services/{service}</c>'s build.</summary>
    private static Lambda.Http.IServiceDescription DescriptionOf(string service) =>
        ServiceRouters.Services.Single(s => s.GetType().Assembly.Location.Contains($"{Path.DirectorySeparatorChar}{service}{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
