using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests;

public sealed class VersioningTests
{
    [Theory]
    [InlineData("\"7\"", new long[] { 7 })]
    [InlineData(" \"7\" ", new long[] { 7 })]
    [InlineData("W/\"3\", \"7\"", new long[] { 7 })]
    [InlineData("\"3\", \"7\", \"3\"", new long[] { 3, 7 })]
    public void Precondition_StrongIfMatch_IsThoseVersions(string ifMatch, long[] expected)
    {
        var precondition = Versioning.Precondition(Context(ifMatch: ifMatch));

        Assert.Equal(PreconditionKind.Version, precondition.Kind);
        Assert.Equal(expected, precondition.Versions);
    }

    [Fact]
    public void Map_ConflictWithoutARequestPrecondition_Is409()
    {
        Assert.Equal(409, Versioning.Map(new ConcurrencyConflictException("lost a race"))?.Status);
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("\"abc\"")]
    [InlineData("7")]
    [InlineData("\"-1\"")]
    public void Precondition_IfMatchThatCanNeverMatch_Throws412(string ifMatch)
    {
        var problem = Assert.Throws<HttpProblemException>(() => Versioning.Precondition(Context(ifMatch: ifMatch)));

        Assert.Equal(412, problem.Status);
    }

    [Fact]
    public void Precondition_IfMatchStar_IsAnyExisting()
    {
        Assert.Equal(PreconditionKind.AnyExisting, Versioning.Precondition(Context(ifMatch: "*")).Kind);
    }

    [Fact]
    public void Precondition_IfNoneMatchStar_IsCreateOnly()
    {
        Assert.Equal(PreconditionKind.CreateOnly, Versioning.Precondition(Context(ifNoneMatch: "*")).Kind);
    }

    [Fact]
    public void Precondition_IfNoneMatchWithATag_Throws400()
    {
        Assert.Equal(400, Assert.Throws<HttpProblemException>(() => Versioning.Precondition(Context(ifNoneMatch: "\"1\""))).Status);
    }

    [Fact]
    public void Precondition_NoHeaders_IsBlind()
    {
        Assert.Equal(PreconditionKind.None, Versioning.Precondition(Context()).Kind);
    }

    [Theory]
    [InlineData(PreconditionKind.None, 428)]
    [InlineData(PreconditionKind.CreateOnly, 412)]
    [InlineData(PreconditionKind.AnyExisting, 412)]
    [InlineData(PreconditionKind.Version, 412)]
    public void Map_ConflictUnderPrecondition_IsTheRightStatus(PreconditionKind kind, int status)
    {
        var problem = Versioning.Map(new ConcurrencyConflictException(new WritePrecondition(kind, [1]), "conflict"));

        Assert.Equal(status, problem?.Status);
    }

    private static HttpRequestContext Context(string? ifMatch = null, string? ifNoneMatch = null)
    {
        var headers = new Dictionary<string, string>();
        if (ifMatch is not null)
        {
            headers["if-match"] = ifMatch;
        }

        if (ifNoneMatch is not null)
        {
            headers["if-none-match"] = ifNoneMatch;
        }

        var request = ApiEvents.Request("PUT", "/x", headers: headers);
        return new HttpRequestContext(request, new Lambda.Runtime.InvocationContext("r", DateTimeOffset.UtcNow.AddMinutes(1), null, null, false, default), "PUT /x", null, "u");
    }
}
