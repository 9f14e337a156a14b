using System.Text.RegularExpressions;
using GymCoach.LocalInfra;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// The environment variables the code reads against those the template declares: a variable read but not
/// declared fails at init on AWS only; one declared but never read is configuration that does nothing.
/// </summary>
public sealed partial class TemplateEnvironmentTests
{
    // Set by Lambda itself, or (AWS_ENDPOINT_URL_*) the SDK's standard local-endpoint override the local stack
    // and the tests set; never declared by the template.
    private static readonly string[] ProvidedByLambdaOrLocalOnly = ["_HANDLER", "AWS_LAMBDA_RUNTIME_API", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_FORMAT", "AWS_LAMBDA_LOG_LEVEL", "AWS_ENDPOINT_URL_S3"];

    [Fact]
    public void Functions_EnvironmentVariables_AreExactlyThoseTheCodeReads()
    {
        var read = ReadByCode().Except(ProvidedByLambdaOrLocalOnly, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var declared = TemplateModel.Load().Functions.SelectMany(f => f.Environment.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.Contains("TABLE_NAME", read);
        Assert.Equal(read, declared);
    }

    [Fact]
    public void ReadByCode_FindsBothLiteralAndConstantNames()
    {
        var names = ReadByCode();

        // Precondition of the test above: both ways the code names a variable are seen.
        Assert.Contains("TABLE_NAME", names);          // GetEnvironmentVariable("TABLE_NAME")
        Assert.Contains("MEDIA_BUCKET", names);        // const string Variable = "MEDIA_BUCKET"
        Assert.Contains("DELETION_SETTLE_SECONDS", names);
    }

    private static HashSet<string> ReadByCode()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "services", "shared" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories)))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (var match in LiteralRead().Matches(text).Concat(ConstantName().Matches(text)))
            {
                names.Add(match.Groups[1].Value);
            }
        }

        return names;
    }

    [GeneratedRegex(@"GetEnvironmentVariable\(""([A-Z_][A-Z0-9_]*)""\)")]
    private static partial Regex LiteralRead();

    [GeneratedRegex(@"const string \w*Variable = ""([A-Z_][A-Z0-9_]*)""")]
    private static partial Regex ConstantName();
}
