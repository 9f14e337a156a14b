using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.Lambda.Text;
using GymCoach.TestSupport;
using Xunit.Abstractions;
using GymCoach.Data.Contracts;

namespace GymCoach.Deployment.Tests.SafetyNet;

/// <summary>
/// Every route of every service, generated from the route tables, while the caller's account is being deleted:
/// every write the owner made before went through the fence (no put or update of a user's data outside a
/// transaction that checks the deletion item), and afterwards every route but the deletion's own answers 409
/// <c>account-deleting</c>, serves nothing of the account, whatever the instance cached, and changes nothing.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class AccountFenceTests(DynamoDbFixture dynamo, S3Fixture s3, ITestOutputHelper output)
{
    private const string DeletingType = "https://api.gymcoach.app/problems/account-deleting";

    [Theory]
    [MemberData(nameof(ServiceRouters.Functions), MemberType = typeof(ServiceRouters))]
    public async Task EveryRoute_WhileTheAccountIsBeingDeleted_Answers409AndChangesNothing(string function)
    {
        var api = await ServiceUnderTest.CreateAsync(dynamo, s3, function);
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var ids = new HashSet<string>(StringComparer.Ordinal);

        // The owner writes through every route that takes a body, and reads every route (warming every cache).
        foreach (var route in api.Routes.Where(r => r.Example is not null && !ServiceUnderTest.HasPathParameters(r) && !r.DuringDeletion))
        {
            var written = await api.SendAsync(route.Method, route.Path, owner, route.Example, route.Idempotent ? new() { ["idempotency-key"] = "seed-" + route.Name } : null);
            Assert.True(written.Status is >= 200 and < 300, $"{route.RouteKey} as its owner: {written.Status} {written.Body}");
            ids.UnionWith(ServiceUnderTest.Secrets(written).Where(s => s != owner));
        }

        foreach (var route in api.Routes.Where(r => r.Method == "GET" && !r.DuringDeletion))
        {
            foreach (var path in PathsFor(route, ids))
            {
                await api.SendAsync(route.Method, path, owner);
            }
        }

        Assert.True(api.Mirror.UnfencedWrites.Count == 0, $"writes of the owner's data outside the fence: {string.Join(", ", api.Mirror.UnfencedWrites.Distinct())}");

        // DELETE /profiles/me has answered: the deletion item stands.
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = api.Table, Item = DeletionItem(owner) });
        var before = await api.SnapshotAsync(owner);
        int refused = 0, answered = 0;
        foreach (var route in api.Routes.Where(r => !r.Anonymous))
        {
            foreach (var path in PathsFor(route, ids))
            {
                var headers = route.Idempotent ? new Dictionary<string, string> { ["idempotency-key"] = "during-" + route.Name } : route.Conditional ? new() { ["if-match"] = "*" } : null;
                var response = await api.SendAsync(route.Method, path, owner, route.Example, headers);
                if (route.DuringDeletion)
                {
                    Assert.True(response.Status < 500, $"{route.RouteKey} during the deletion: {response.Status} {response.Body}");
                    answered++;
                    continue;
                }

                Assert.True(response.Status == 409, $"{route.RouteKey} ({path}) during the deletion: {response.Status} {response.Body}");
                Assert.Equal(DeletingType, response.Json.GetProperty("type").GetString());
                Assert.DoesNotContain(ids, id => response.Body.Contains(id, StringComparison.Ordinal));
                refused++;
            }
        }

        Assert.Equal(before, await api.SnapshotAsync(owner));
        Assert.True(refused > 0 || api.Routes.All(r => r.Anonymous || r.DuringDeletion), $"{function}: no route was refused");
        Assert.True(api.Function.Fenced, $"{function} is built without the account fence");
        output.WriteLine($"{function}: {refused} requests refused while deleting, {answered} answered by the deletion's own routes");
        SafetyNetReport.Add($"fence {function}: {refused} requests refused during a deletion, 0 changes");
    }

    private static IEnumerable<string> PathsFor(RouteSpec route, IEnumerable<string> ids) =>
        ServiceUnderTest.HasPathParameters(route)
            ? ids.Select(id => ServiceUnderTest.PathFor(route, id)).DefaultIfEmpty(ServiceUnderTest.PathFor(route, "none"))
            : [route.Path];

    /// <summary>The item <c>DELETE /profiles/me</c> writes (<c>DeletionRepository</c>), as it stands while the deletion is queued.</summary>
    private static Dictionary<string, AttributeValue> DeletionItem(string owner)
    {
        var now = Timestamps.ToApi(DateTimeOffset.UtcNow);
        return new()
        {
            [Keys.PartitionKey] = Attributes.S(Keys.User(owner)),
            [Keys.SortKey] = Attributes.S(Keys.AccountDeletion),
            [Keys.EntityType] = Attributes.S(EntityTypes.AccountDeletion),
            ["id"] = Attributes.S(Ulid.NewId(DateTimeOffset.UtcNow)),
            ["status"] = Attributes.S("queued"),
            ["requestedAt"] = Attributes.S(now),
            ["settleUntil"] = Attributes.S(now),
            ["segment"] = Attributes.N(0),
            ["phase"] = Attributes.S("items"),
            ["itemsDeleted"] = Attributes.N(0),
            ["objectsDeleted"] = Attributes.N(0),
            ["passes"] = Attributes.N(0),
            ["updatedAt"] = Attributes.S(now),
        };
    }
}
