namespace GymCoach.Data.Tests;

/// <summary>Dependencies point one way: function core ← data platform ← HTTP side ← services.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void DataPlatform_ReferencesNoHttpAssembly()
    {
        var references = typeof(CursorCodec).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("GymCoach.Lambda", references);
        Assert.DoesNotContain("GymCoach.Lambda.Http", references);
    }

    [Fact]
    public void FunctionCore_ReferencesNeitherDataNorHttp()
    {
        var references = typeof(Lambda.Runtime.LambdaHost).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("GymCoach.Data", references);
        Assert.DoesNotContain("GymCoach.Lambda.Http", references);
        Assert.DoesNotContain(references, r => r!.StartsWith("AWSSDK", StringComparison.Ordinal));
    }
}
