using System.Text.Json;
using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Profiles.Tests;

/// <summary>The template's policy for Profiles against the DynamoDB operations the service really sends.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class PolicyTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task ProfilesPolicy_GrantsExactlyTheOperationsTheServiceCalls()
    {
        var faults = new FaultInjectingHandler();
        using var client = dynamo.CreateFaultyClient(faults, maxErrorRetry: 0, timeout: TimeSpan.FromSeconds(1));
        var api = await ProfilesApi.CreateAsync(dynamo, client: client);
        var key = new Dictionary<string, string> { ["idempotency-key"] = "k1" };
        const string Measurement = """{"date":"2026-11-20","weightKg":80.5}""";

        // Every path: init priming, create/read/replace/refuse a profile, creates with and without a key, a
        // replay, a released key, an attempt of unknown outcome (lease ended), a page of a list.
        DynamoDbClientFactory.Prime(client, api.Table);
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""");
        await api.SendAsync("GET", "/profiles/me");
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""", headers: new() { ["if-match"] = "\"1\"" });
        await api.SendAsync("PUT", "/profiles/me", body: """{"displayName":"Ada"}""");
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement);
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement, headers: key);
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement, headers: key);
        await api.SendAsync("POST", "/profiles/me/measurements", body: """{"date":"x"}""", headers: new() { ["idempotency-key"] = "k2" });
        faults.LoseResponseNext(1, "PutItem");
        await api.SendAsync("POST", "/profiles/me/measurements", body: Measurement, headers: new() { ["idempotency-key"] = "k3" });
        await api.SendAsync("GET", "/profiles/me/measurements", query: new() { ["limit"] = "1" });

        var called = faults.Forwarded.Keys.Select(k => "dynamodb:" + k).Order(StringComparer.Ordinal).ToList();
        var granted = TemplatePolicies.GrantedDynamoDbActions("ProfilesFunction");
        Assert.Equal(granted, called);
    }
}
