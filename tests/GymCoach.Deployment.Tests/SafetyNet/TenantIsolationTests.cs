using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>
/// Every route of every service, generated from the route tables: as its owner, as another user, without
/// identity and with malformed subjects. Another user's resources are 404, nothing of theirs (ids, cursors,
/// subject) appears in any answer, anonymous and malformed subjects are 401, and the owner's items are
/// untouched by everything the others sent.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class TenantIsolationTests(DynamoDbFixture dynamo, S3Fixture s3, ITestOutputHelper output)
{
    private static readonly string[] MalformedSubjects = ["alice#PROFILE", "USER#alice", new string('a', 2048), "../alice", "al ice", "alice\n"];

    [Theory]
    [MemberData(nameof(ServiceRouters.Functions), MemberType = typeof(ServiceRouters))]
    public async Task EveryRoute_AsAnotherUserOrWithoutIdentity_SeesAndChangesNothingOfTheOwners(string function)
    {
        var api = await ServiceUnderTest.CreateAsync(dynamo, s3, function);
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var other = "other-" + Guid.NewGuid().ToString("N");
        var secrets = new HashSet<string>(StringComparer.Ordinal) { owner };

        // The owner writes through every route that takes a body, then reads every list a page at a time.
        foreach (var route in api.Routes.Where(r => r.Example is not null && !ServiceUnderTest.HasPathParameters(r)))
        {
            var written = await api.SendAsync(route.Method, route.Path, owner, route.Example, SeedHeaders(route));
            Assert.True(written.Status is >= 200 and < 300, $"{route.RouteKey} as its owner: {written.Status} {written.Body}");
            secrets.UnionWith(ServiceUnderTest.Secrets(written));
        }

        foreach (var route in api.Routes.Where(r => r.Query.Any(q => q.Name == "cursor")))
        {
            if (route.Method != "GET")
            {
                continue;
            }

            var writer = api.Routes.FirstOrDefault(r => r.Path == route.Path && r.Example is not null);
            if (writer is not null)
            {
                var second = await api.SendAsync(writer.Method, writer.Path, owner, writer.Example, null);
                Assert.True(second.Status is >= 200 and < 300, $"{writer.RouteKey} a second time: {second.Status}"); // two items: a page of one has a cursor
            }

            var page = await api.SendAsync(route.Method, route.Path, owner, query: new() { ["limit"] = "1" });
            secrets.UnionWith(ServiceUnderTest.Secrets(page));
        }

        var ownerItems = await api.SnapshotAsync(owner);
        if (api.Routes.Any(r => r.Example is not null))
        {
            Assert.NotEmpty(ownerItems); // a service that stores the caller's data: there is something of the owner's to leak
        }
        var ids = secrets.Where(s => s != owner).ToList();
        var cases = 0;

        // The deletion's own routes come last: once the other user has asked to delete their account (a conditional
        // route sent with If-Match: *), every other route of theirs answers 409 account-deleting.
        foreach (var route in api.Routes.OrderBy(r => r.DuringDeletion))
        {
            var paths = ServiceUnderTest.HasPathParameters(route) ? ids.Select(id => ServiceUnderTest.PathFor(route, id)).DefaultIfEmpty(ServiceUnderTest.PathFor(route, "none")).ToList() : [route.Path];
            foreach (var path in paths)
            {
                foreach (var query in QueriesFor(route, secrets))
                {
                    var asOther = await api.SendAsync(route.Method, path, other, route.Example, OwnerHeaders(route), query);
                    cases++;
                    Assert.True(asOther.Status < 500, $"{route.RouteKey} as another user: {asOther.Status} {asOther.Body}");
                    Assert.DoesNotContain(secrets, s => asOther.Body.Contains(s, StringComparison.Ordinal) || (asOther.Header("etag")?.Contains(s, StringComparison.Ordinal) ?? false));
                    if (ServiceUnderTest.HasPathParameters(route) && ids.Count > 0)
                    {
                        // A create-by-id route (PUT of a device-made id) refuses an id of the wrong shape as 400 naming only the
                        // path parameter: an answer about the path's spelling, the same whoever owns anything.
                        var malformedId = route.Method == "PUT" && asOther.Status == 400 && !ClientIds.IsValid(path[(path.LastIndexOf('/') + 1)..])
                            && asOther.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).SequenceEqual([route.Path[(route.Path.LastIndexOf('{') + 1)..^1]]);
                        Assert.True(asOther.Status == 404 || malformedId, $"{route.RouteKey} on the owner's {path} as another user: {asOther.Status} (must be 404)");
                    }

                    // On a path naming the owner's resource, 404 (asserted above) comes first: the cursor is never read.
                    if (query?.ContainsKey("cursor") == true && !(ServiceUnderTest.HasPathParameters(route) && ids.Count > 0))
                    {
                        Assert.True(asOther.Status == 400, $"{route.RouteKey} with the owner's cursor: {asOther.Status}");
                    }

                    if (route.Anonymous)
                    {
                        continue;
                    }

                    var anonymous = await api.SendAsync(route.Method, path, null, route.Example, OwnerHeaders(route), query);
                    Assert.True(anonymous.Status == 401, $"{route.RouteKey} without identity: {anonymous.Status}");
                    cases++;
                    foreach (var subject in MalformedSubjects)
                    {
                        var malformed = await api.SendAsync(route.Method, path, subject, route.Example, OwnerHeaders(route), query);
                        Assert.True(malformed.Status == 401, $"{route.RouteKey} as '{subject[..Math.Min(20, subject.Length)]}': {malformed.Status}");
                        cases++;
                    }
                }
            }
        }

        Assert.Equal(ownerItems, await api.SnapshotAsync(owner));
        output.WriteLine($"{function}: {api.Routes.Count} routes, {cases} cross-tenant requests, {secrets.Count} owner secrets checked");
        SafetyNetReport.Add($"isolation {function}: {api.Routes.Count} routes, {cases} cross-tenant requests");
    }

    private static Dictionary<string, string>? SeedHeaders(RouteSpec route) =>
        route.Idempotent ? new() { ["idempotency-key"] = "seed-" + route.Name } : null;

    // The other user reuses the owner's idempotency key: a replay of the owner's answer would leak it.
    private static Dictionary<string, string>? OwnerHeaders(RouteSpec route) =>
        route.Idempotent ? new() { ["idempotency-key"] = "seed-" + route.Name } : route.Conditional ? new() { ["if-match"] = "*" } : null;

    private static IEnumerable<Dictionary<string, string>?> QueriesFor(RouteSpec route, IEnumerable<string> secrets)
    {
        yield return null;
        if (route.Query.Any(q => q.Name == "cursor"))
        {
            foreach (var cursor in secrets.Where(s => s.Contains('.', StringComparison.Ordinal)))
            {
                yield return new() { ["cursor"] = cursor };
            }
        }
    }
}
