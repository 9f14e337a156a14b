using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests;

public sealed class VersioningTests
{
    [Theory]
    [InlineData("\"7\"", 7L)]
    [InlineData("W/\"7\"", 7L)]
    [InlineData("*", Versioning.AnyVersion)]
    public void ExpectedVersion_ValidIfMatch_ReturnsTheVersion(string ifMatch, long expected)
    {
        Assert.Equal(expected, Versioning.ExpectedVersion(Context(ifMatch)));
    }

    [Fact]
    public void ExpectedVersion_GarbageIfMatch_Throws412()
    {
        var problem = Assert.Throws<HttpProblemException>(() => Versioning.ExpectedVersion(Context("\"abc\"")));

        Assert.Equal(412, problem.Status);
    }

    [Fact]
    public void ExpectedVersion_NoIfMatch_ReturnsNull()
    {
        Assert.Null(Versioning.ExpectedVersion(Context(null)));
    }

    private static HttpRequestContext Context(string? ifMatch)
    {
        var headers = ifMatch is null ? null : new Dictionary<string, string> { ["if-match"] = ifMatch };
        var request = ApiEvents.Request("PUT", "/x", headers: headers);
        return new HttpRequestContext(request, new Lambda.Runtime.InvocationContext("r", DateTimeOffset.UtcNow.AddMinutes(1), null, null, false, default), "PUT /x", null, "u");
    }
}
