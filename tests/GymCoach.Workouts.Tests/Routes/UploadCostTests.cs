using System.Diagnostics;
using System.Globalization;
using System.Text;
using GymCoach.Data;
using GymCoach.TestSupport;
using Xunit.Abstractions;

namespace GymCoach.Workouts.Tests.Routes;

/// <summary>
/// What a workout costs uploaded whole versus logged set by set: HTTP requests, DynamoDB requests (from the
/// metrics every invocation records) and in-process time against DynamoDB Local. The figures are reported; the
/// test holds only what must be true: the same workout either way, and one DynamoDB write for a whole upload.
/// </summary>
[Collection(DynamoDbCollection.Name)]
public sealed class UploadCostTests(DynamoDbFixture dynamo, ITestOutputHelper output)
{
    [Theory]
    [InlineData(20)]
    [InlineData(90)]
    public async Task UploadVersusLive_AWorkoutOfNSets_IsReported(int sets)
    {
        using var client = dynamo.CreateFaultyClient(new FaultInjectingHandler(), maxErrorRetry: 2);
        var api = await WorkoutsApi.CreateAsync(dynamo, client, countRequests: true);
        await api.ExpectAsync(201, "PUT", "/workouts/sessions/00000000-0000-4000-8000-00000000ffff", Workout(1, "00000000-0000-4000-8000-00000000ffff"), sub: "warm-up");

        var from = api.Log.Lines.Count;
        var clock = Stopwatch.StartNew();
        var uploaded = await api.ExpectAsync(201, "PUT", "/workouts/sessions/00000000-0000-4000-8000-000000000001", Workout(sets, "u"));
        var uploadMs = clock.Elapsed.TotalMilliseconds;
        var uploadRequests = api.Metric(DynamoDbRequestMetrics.Total, from).Sum();
        var uploadWrites = api.Metric("DynamoDbTransactWriteItems", from).Sum();

        from = api.Log.Lines.Count;
        clock.Restart();
        var id = (await api.ExpectAsync(201, "POST", "/workouts/sessions", """{"startedAt":"2026-11-20T06:00:00-05:00"}""")).GetProperty("id").GetString();
        for (var s = 0; s < sets; s++)
        {
            await api.ExpectAsync(201, "POST", $"/workouts/sessions/{id}/sets", $$"""{"id":"{{SetId("l", s)}}","exerciseId":"{{WorkoutsApi.LibraryIds[s % 4]}}","reps":5,"weightKg":50,"performedAt":"{{Minute(s)}}"}""");
        }

        var live = await api.ExpectAsync(200, "POST", $"/workouts/sessions/{id}/complete", """{"completedAt":"2026-11-20T09:00:00-05:00"}""");
        var liveMs = clock.Elapsed.TotalMilliseconds;
        var liveRequests = api.Metric(DynamoDbRequestMetrics.Total, from).Sum();

        // The harness's own floor: as many requests as set by set, to a route no handler serves (no DynamoDB at all).
        clock.Restart();
        for (var r = 0; r < sets + 2; r++)
        {
            await api.ExpectAsync(404, "GET", "/workouts/no-such-route");
        }

        var floorMs = clock.Elapsed.TotalMilliseconds;
        output.WriteLine($"{sets} sets: whole upload 1 HTTP request, {uploadRequests} DynamoDB requests, {uploadMs:F0} ms; set by set {sets + 2} HTTP requests, {liveRequests} DynamoDB requests, {liveMs:F0} ms; harness floor for {sets + 2} requests {floorMs:F0} ms");
        Assert.Equal(uploaded.GetProperty("totals").GetRawText(), live.GetProperty("totals").GetRawText());
        Assert.Equal(sets <= 96 ? 1 : Math.Ceiling(sets / 96.0) + 1, uploadWrites);
    }

    private static string SetId(string prefix, int s) => $"00000000-0000-4000-8000-{(prefix == "u" ? 1 : 2):D4}{s:D8}";

    private static string Minute(int s) =>
        new DateTimeOffset(2026, 11, 20, 6, 1, 0, TimeSpan.FromHours(-5)).AddMinutes(s * 170.0 / 100).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Workout(int sets, string prefix)
    {
        var body = new StringBuilder("""{"startedAt":"2026-11-20T06:00:00-05:00","completedAt":"2026-11-20T09:00:00-05:00","exercises":[""");
        for (var s = 0; s < sets; s++)
        {
            body.Append(s == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $$"""{"exerciseId":"{{WorkoutsApi.LibraryIds[s % 4]}}","sets":[{"id":"{{SetId(prefix, s)}}","reps":5,"weightKg":50,"performedAt":"{{Minute(s)}}"}]}""");
        }

        return body.Append("]}").ToString();
    }
}
