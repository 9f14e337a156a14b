using GymCoach.Data;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Lambda.Tests.Http;

public sealed class PreconditionsTests
{
    [Theory]
    [InlineData("\"7\"", new long[] { 7 })]
    [InlineData(" \"7\" ", new long[] { 7 })]
    [InlineData("W/\"3\", \"7\"", new long[] { 7 })]
    [InlineData("\"3\", \"7\", \"3\"", new long[] { 3, 7 })]
    public void Read_StrongIfMatch_IsThoseVersions(string ifMatch, long[] expected)
    {
        var precondition = Preconditions.Read(Context(ifMatch: ifMatch));

        Assert.Equal(PreconditionKind.Version, precondition.Kind);
        Assert.Equal(expected, precondition.Versions);
    }

    [Fact]
    public void Map_ConflictWithoutARequestPrecondition_Is409()
    {
        Assert.Equal(409, ProblemMapper.Map(new ConcurrencyConflictException("lost a race"))?.Status);
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("\"abc\"")]
    [InlineData("7")]
    [InlineData("\"-1\"")]
    public void Read_IfMatchThatCanNeverMatch_Throws412(string ifMatch)
    {
        var problem = Assert.Throws<HttpProblemException>(() => Preconditions.Read(Context(ifMatch: ifMatch)));

        Assert.Equal(412, problem.Status);
    }

    [Fact]
    public void Read_IfMatchStar_IsAnyExisting()
    {
        Assert.Equal(PreconditionKind.AnyExisting, Preconditions.Read(Context(ifMatch: "*")).Kind);
    }

    [Fact]
    public void Read_IfNoneMatchStar_IsCreateOnly()
    {
        Assert.Equal(PreconditionKind.CreateOnly, Preconditions.Read(Context(ifNoneMatch: "*")).Kind);
    }

    [Fact]
    public void Read_IfNoneMatchWithATag_Throws400()
    {
        Assert.Equal(400, Assert.Throws<HttpProblemException>(() => Preconditions.Read(Context(ifNoneMatch: "\"1\""))).Status);
    }

    [Fact]
    public void Read_NoHeaders_IsBlind()
    {
        Assert.Equal(PreconditionKind.None, Preconditions.Read(Context()).Kind);
    }

    [Theory]
    [InlineData(PreconditionKind.None, 428)]
    [InlineData(PreconditionKind.CreateOnly, 412)]
    [InlineData(PreconditionKind.AnyExisting, 412)]
    [InlineData(PreconditionKind.Version, 412)]
    public void Map_ConflictUnderPrecondition_IsTheRightStatus(PreconditionKind kind, int status)
    {
        var problem = ProblemMapper.Map(new ConcurrencyConflictException(new WritePrecondition(kind, [1]), "conflict"));

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
        return new HttpRequestContext(request, new GymCoach.Lambda.Runtime.InvocationContext("r", DateTimeOffset.UtcNow.AddMinutes(1), null, null, false, default), "PUT /x", null, "u");
    }
}
