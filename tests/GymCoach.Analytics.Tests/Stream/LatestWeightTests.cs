using GymCoach.Data;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>"Latest weight" is one read of the item Profiles keeps, however many weightless measurements follow it.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class LatestWeightTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task MeasurementUpdate_ManyWeightlessMeasurementsAfterTheLastWeight_FindsTheWeightWithoutSearchingThem()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);
        await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", body: """{"date":"2026-11-01","weightKg":81.5}""");
        string? last = null;
        var day = new DateOnly(2026, 11, 2);
        for (var i = 0; i < 150; i++)
        {
            var date = day.AddDays(i / 50);
            last = (await loop.ExpectAsync(loop.Profiles, 201, "POST", "/profiles/me/measurements", body: $$"""{"date":"{{date:yyyy-MM-dd}}","bodyFatPct":15}""")).GetProperty("id").GetString();
        }

        var measurementQueries = 0;
        var faults = new FaultInjectingHandler
        {
            ThrottleWhere = (target, body) =>
            {
                if (target == "Query" && body.Contains(Keys.MeasurementPrefix, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref measurementQueries);
                }

                return false;
            },
        };
        using var client = dynamo.CreateFaultyClient(faults);
        var stream = AnalyticsFunction.CreateStream(client, loop.Table, TimeProvider.System, loop.Log.Logger);

        await AnalyticsLoop.InvokeAsync(stream, StreamEvents.Keys([("alice", Keys.Measurement(day.AddDays(2), last!))]));

        Assert.Equal(0, measurementQueries);
        var bodyweight = (await loop.ExpectAsync(loop.Analytics, 200, "GET", "/analytics/dashboard")).GetProperty("bodyweight");
        Assert.Equal(81.5, bodyweight.GetProperty("weightKg").GetDouble());
        Assert.Equal("2026-11-01", bodyweight.GetProperty("date").GetString());
    }
}
