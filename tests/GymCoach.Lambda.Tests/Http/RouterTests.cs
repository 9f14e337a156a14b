using GymCoach.Lambda.Http;

namespace GymCoach.Lambda.Tests.Http;

public sealed class RouterTests
{
    private static readonly RouteHandler Noop = _ => ValueTask.FromResult(HttpResult.NoContent());

    private static Router Create() => new Router()
        .Map("GET /things/{id}", Noop)
        .Map("GET /things/mine", Noop)
        .Map("DELETE /things/{id}", Noop)
        .Map("GET /files/{path+}", Noop)
        .Map("GET /things/{id}/parts/{partId}", Noop);

    [Fact]
    public void Match_LiteralAndParameterBothFit_LiteralWins()
    {
        var match = Create().Match("GET", "/things/mine");

        Assert.Equal("GET /things/mine", match.Route!.Template.RouteKey);
    }

    [Fact]
    public void Match_Parameters_AreExtractedAndUnescaped()
    {
        var match = Create().Match("GET", "/things/a%20b/parts/7");

        Assert.Equal("a b", match.Parameters!["id"]);
        Assert.Equal("7", match.Parameters!["partId"]);
    }

    [Fact]
    public void Match_GreedyParameter_TakesTheRestOfThePath()
    {
        var match = Create().Match("GET", "/files/a/b/c.png");

        Assert.Equal("a/b/c.png", match.Parameters!["path"]);
    }

    [Fact]
    public void Match_PathExistsWithOtherMethods_ReportsMethodNotAllowed()
    {
        var match = Create().Match("PUT", "/things/42");

        Assert.True(match.MethodNotAllowed);
        Assert.Equal(["GET", "DELETE"], match.AllowedMethods!.Order(StringComparer.Ordinal).Reverse());
    }

    [Theory]
    [InlineData("/things")]
    [InlineData("/things/42/")]
    [InlineData("/things//parts/1")]
    [InlineData("/nothing")]
    [InlineData("")]
    public void Match_UnknownPath_IsNotFound(string path)
    {
        var match = Create().Match("GET", path);

        Assert.False(match.Found);
        Assert.False(match.MethodNotAllowed);
    }

    [Fact]
    public void Map_SameRouteTwice_Throws()
    {
        var router = new Router().Map("GET /a", Noop);

        Assert.Throws<ArgumentException>(() => router.Map("get /a", Noop));
    }

    [Fact]
    public void Map_MalformedKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Router().Map("/a", Noop));
    }

    [Theory]
    [InlineData("Get Profile")]
    [InlineData("")]
    [InlineData("get-profile")]
    public void Map_NameThatCannotBeALogicalId_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new Router().Map(new RouteSpec("GET /a", name), _ => ValueTask.FromResult(HttpResult.NoContent())));
    }

    [Fact]
    public void Map_SameNameTwice_Throws()
    {
        var router = new Router().Map(new RouteSpec("GET /a", "A"), _ => ValueTask.FromResult(HttpResult.NoContent()));

        Assert.Throws<ArgumentException>(() => router.Map(new RouteSpec("GET /b", "A"), _ => ValueTask.FromResult(HttpResult.NoContent())));
    }
}
