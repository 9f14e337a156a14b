using GymCoach.LocalInfra;

namespace GymCoach.Local.Tests;

/// <summary>The local stack reads the template's conditions as CloudFormation would, for the local parameters.</summary>
public sealed class TemplateResolverTests
{
    private static readonly TemplateModel Template = TemplateModel.Load();

    [Fact]
    public void Resolve_AuthorizerWithALocalIssuer_TakesTheIssuerParameterBranch()
    {
        var resolver = new TemplateResolver(Template, new Dictionary<string, string> { ["JwtIssuer"] = "https://issuer.example", ["JwtAudience"] = "a,b" });
        var jwt = Jwt();

        Assert.False(resolver.Condition("UseStackUserPool"));
        Assert.Equal("https://issuer.example", resolver.Resolve(jwt.GetProperty("issuer")));
        Assert.Equal(["a", "b"], resolver.ResolveList(jwt.GetProperty("audience")));
    }

    [Fact]
    public void Condition_StagingAndProd_OnlyProdProtectsTheTable()
    {
        var staging = new TemplateResolver(Template, new Dictionary<string, string> { ["Stage"] = "staging" });
        var prod = new TemplateResolver(Template, new Dictionary<string, string> { ["Stage"] = "prod" });

        Assert.True(staging.Condition("UseStackUserPool"));
        Assert.False(staging.Condition("IsProd"));
        Assert.True(prod.Condition("IsProd"));
        Assert.Equal("true", prod.Resolve(Template.Tables.Single().Properties.GetProperty("DeletionProtectionEnabled")));
        Assert.Equal("false", staging.Resolve(Template.Tables.Single().Properties.GetProperty("DeletionProtectionEnabled")));
    }

    [Fact]
    public void Condition_UnknownName_Throws()
    {
        var resolver = new TemplateResolver(Template, new Dictionary<string, string>());

        Assert.Throws<InvalidOperationException>(() => resolver.Condition("NoSuchCondition"));
    }

    private static System.Text.Json.JsonElement Jwt() =>
        Template.Root.GetProperty("Resources").GetProperty("HttpApi").GetProperty("Properties").GetProperty("Auth")
            .GetProperty("Authorizers").GetProperty("JwtAuthorizer").GetProperty("JwtConfiguration");
}
