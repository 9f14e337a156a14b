using System.Collections.Concurrent;
using System.Text.Json;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Workouts.Tests;

/// <summary>The template's policy for Workouts against the DynamoDB actions the service really needs (a transaction needs its items' actions).</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PolicyTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task WorkoutsPolicy_GrantsExactlyTheActionsTheServiceUses()
    {
        var actions = new ConcurrentDictionary<string, bool>();
        var faults = new FaultInjectingHandler
        {
            ThrottleWhere = (target, json) =>
            {
                if (target != "TransactWriteItems")
                {
                    actions[target] = true;
                    return false;
                }

                foreach (var item in JsonDocument.Parse(json).RootElement.GetProperty("TransactItems").EnumerateArray())
                {
                    foreach (var kind in item.EnumerateObject())
                    {
                        actions[kind.Name == "ConditionCheck" ? "ConditionCheckItem" : kind.Name + "Item"] = true;
                    }
                }

                return false;
            },
        };
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 2);
        var api = await WorkoutsApi.CreateAsync(dynamo, client);

        // Every path: priming, plans (checked exercises, list, replace, copy, delete), the schedule, a session
        // from a scheduled plan, sets logged (with a key, replayed), edited and deleted, complete, history, an
        // exercise's sets, the active session, discard.
        DynamoDbClientFactory.Prime(client, api.Table);
        var plan = (await api.ExpectAsync(201, "POST", "/workouts/plans", """{"name":"A","exercises":[{"exerciseId":"deadlift"}]}""")).GetProperty("id").GetString();
        await api.ExpectAsync(200, "GET", "/workouts/plans");
        await api.ExpectAsync(200, "PUT", "/workouts/plans/" + plan, """{"name":"B","exercises":[]}""", headers: WorkoutsApi.IfMatch(1));
        var copy = (await api.ExpectAsync(201, "POST", $"/workouts/plans/{plan}/copy", headers: WorkoutsApi.Key("c"))).GetProperty("id").GetString();
        await api.ExpectAsync(204, "DELETE", "/workouts/plans/" + copy, headers: WorkoutsApi.IfMatch(1));
        var entry = (await api.ExpectAsync(201, "POST", "/workouts/schedule", $$"""{"date":"{{DateTime.UtcNow:yyyy-MM-dd}}","planId":"{{plan}}"}""")).GetProperty("id").GetString();
        await api.ExpectAsync(200, "GET", "/workouts/schedule");
        var session = (await api.ExpectAsync(201, "POST", "/workouts/sessions", $$"""{"scheduledId":"{{entry}}"}""", headers: WorkoutsApi.Key("s"))).GetProperty("id").GetString();
        var set = (await api.ExpectAsync(201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("deadlift"), headers: WorkoutsApi.Key("k"))).GetProperty("id").GetString();
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("deadlift"), headers: WorkoutsApi.Key("k"));
        await api.ExpectAsync(200, "PUT", $"/workouts/sessions/{session}/sets/{set}", WorkoutsApi.Set("deadlift", 4), headers: WorkoutsApi.IfMatch(1));
        await api.ExpectAsync(200, "GET", "/workouts/sessions/active");
        await api.ExpectAsync(200, "POST", $"/workouts/sessions/{session}/complete");
        await api.ExpectAsync(200, "GET", "/workouts/sessions", query: new() { ["exerciseId"] = "deadlift" });
        await api.ExpectAsync(200, "GET", "/workouts/exercises/deadlift/sets");
        await api.ExpectAsync(204, "DELETE", $"/workouts/sessions/{session}/sets/{set}", headers: WorkoutsApi.IfMatch(2));
        await api.ExpectAsync(201, "POST", $"/workouts/sessions/{session}/sets", WorkoutsApi.Set("deadlift"));
        var version = (await api.ExpectAsync(200, "GET", "/workouts/sessions/" + session)).GetProperty("version").GetInt64();
        await api.ExpectAsync(204, "DELETE", "/workouts/sessions/" + session, headers: WorkoutsApi.IfMatch(version));
        await api.ExpectAsync(204, "DELETE", "/workouts/schedule/" + entry, headers: WorkoutsApi.IfMatch(2));

        var used = actions.Keys.Select(k => "dynamodb:" + k).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(TemplatePolicies.GrantedDynamoDbActions("WorkoutsFunction"), used);
    }
}
