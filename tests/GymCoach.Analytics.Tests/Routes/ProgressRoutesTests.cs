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
}
