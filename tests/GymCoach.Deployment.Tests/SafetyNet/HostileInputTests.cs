using CsCheck;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>
/// Every route that takes a body, query parameters or path parameters, generated from the route tables:
/// thousands of hostile requests each (CsCheck). Every answer is below 500; every refusal is a 4xx
/// problem+json and leaves the whole table exactly as it was (<see cref="TableMirror"/>); requests invalid by construction (unknown fields,
/// truncated JSON, non-JSON content types, bad base64, oversized or over-deep bodies) must be refused.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class HostileInputTests(DynamoDbFixture dynamo, S3Fixture s3, ITestOutputHelper output)
{
    /// <summary>Cases per route (the issue asks for at least 2,000 in CI).</summary>
    public const int CasesPerRoute = 2_000;

    public static TheoryData<string, string> Routes()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in ServiceRouters.Services)
        {
            foreach (var route in service.DescribeRoutes().Specs.Where(r => r.RequestBody is not null || r.Query.Count > 0 || r.Path.Contains('{', StringComparison.Ordinal)))
            {
                data.Add(service.FunctionLogicalId, route.RouteKey);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_HostileInput_IsRefusedWithAProblemAndChangesNothing(string function, string routeKey)
    {
        var api = await ServiceUnderTest.CreateAsync(dynamo, s3, function);
        var route = api.Routes.Single(r => r.RouteKey == routeKey);
        var caller = "caller-" + Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        foreach (var writer in api.Routes.Where(r => r.Example is not null && !r.Path.Contains('{', StringComparison.Ordinal)))
        {
            var seeded = await api.SendAsync(writer.Method, writer.Path, caller, writer.Example, writer.Idempotent ? new() { ["idempotency-key"] = "seed" } : null);
            Assert.True(seeded.Status is >= 200 and < 300, $"seeding through {writer.RouteKey}: {seeded.Status} {seeded.Body}");
            ids.AddRange(ServiceUnderTest.Secrets(seeded));
        }

        await api.Mirror.LoadAsync();
        int tried = 0, refused = 0, accepted = 0;
        await HostileInput.For(route, ids).SampleAsync(
            async hostile =>
            {
                Interlocked.Increment(ref tried);
                var path = hostile.PathValue is null ? route.Path : ServiceUnderTest.PathFor(route, hostile.PathValue);
                var response = await api.SendAsync(route.Method, path, caller, hostile.Body, new Dictionary<string, string>(hostile.Headers), hostile.Query, hostile.Base64);
                Assert.True(response.Status < 500, $"{route.RouteKey} answered {response.Status} to {hostile}: {response.Body}");
                Assert.True(!hostile.MustBeRefused || response.Status is >= 400 and < 500, $"{route.RouteKey} accepted an invalid request ({response.Status}): {hostile}");
                var changes = await api.Mirror.ChangesAsync();
                if (response.Status >= 400)
                {
                    Interlocked.Increment(ref refused);
                    Assert.True(response.Header("content-type") == "application/problem+json", $"{route.RouteKey} refused {hostile} without a problem: {response.Header("content-type")}");
                    Assert.True(changes.Count == 0, $"{route.RouteKey} refused {hostile} with {response.Status} but changed items: {string.Join("; ", changes.Select(c => c.Description))}");
                }
                else
                {
                    Interlocked.Increment(ref accepted);
                    api.Mirror.Accept(changes);
                }
            },
            iter: CasesPerRoute,
            threads: 1,
            seed: Environment.GetEnvironmentVariable("SAFETY_NET_SEED"));

        await api.Mirror.AssertEqualsTableAsync(); // every change went through the recorder: the per-case checks saw all of them
        Assert.True(tried >= CasesPerRoute, $"only {tried} cases ran");
        Assert.DoesNotContain(api.Log.Lines, l => l.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal) && l.Contains("Unhandled", StringComparison.Ordinal));
        var line = $"hostile input {function} {route.RouteKey}: {tried} cases ({refused} refused with a problem, {accepted} accepted), no 5xx";
        output.WriteLine(line);
        SafetyNetReport.Add(line);
    }
}
