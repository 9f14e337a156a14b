using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Routes;

[Collection(DynamoDbCollection.Name)]
public sealed class ProgressRoutesTests(DynamoDbFixture dynamo)
{
    [Theory]
    [InlineData("x")]
    [InlineData("Barbell#Squat")]
    [InlineData("-squat")]
    public async Task Progress_IdNoExerciseCanHave_Is404(string id)
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);
        var exerciseId = id == "x" ? new string('a', 2000) : id;

        var response = await loop.SendAsync(loop.Analytics, "GET", $"/analytics/exercises/{Uri.EscapeDataString(exerciseId)}/progress");

        Assert.Equal(404, response.Status);
    }

    [Theory]
    [InlineData("9999-01-01", "9999-12-31")]
    [InlineData("0001-01-01", "0001-12-31")]
    public async Task Progress_DaysAtTheEndsOfTheCalendarInAnEasternZone_AnswerWithoutFailing(string from, string to)
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo, mapStream: false);
        await loop.ExpectAsync(loop.Profiles, 201, "PUT", "/profiles/me", "far", """{"displayName":"Far","timeZone":"Pacific/Kiritimati"}""");

        var progress = await loop.SendAsync(loop.Analytics, "GET", "/analytics/exercises/barbell-back-squat/progress", "far", query: new() { ["from"] = from, ["to"] = to });

        Assert.True(progress.Status is 200 or 400, progress.Body + string.Join("\n", loop.Log.Lines.Where(l => l.Contains("ERROR", StringComparison.Ordinal)).TakeLast(1)));
    }
}
