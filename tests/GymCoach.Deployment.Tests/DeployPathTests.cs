using System.Diagnostics;
using System.Text.Json;
using GymCoach.LocalInfra;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// The deploy path as an operator walks it: tools/deploy (the pinned tool, the stage's config by absolute path, the
/// AOT architecture and build SDK checks), tools/teardown (staging only), and the staging load test's server-side
/// figures from Lambda's REPORT lines. Nothing here reaches AWS: the scripts' dry runs and a stand-in AWS CLI.
/// </summary>
public sealed class DeployPathTests
{
    [Fact]
    public void Deploy_Staging_PassesTheStagesConfigByItsAbsolutePath()
    {
        var (code, output) = Run("tools/deploy", X64Host, "staging", "--dry-run", "--s3-bucket", "artifacts");

        Assert.Equal(0, code);
        // deploy-serverless packages each CodeUri with a nested command that resolves a relative --config-file
        // under services/<Name>/, where there is none: only an absolute path reaches the file.
        Assert.Contains($"--config-file {Path.Combine(RepoPaths.Root, "aws-lambda-tools-staging.json")} --s3-bucket artifacts", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_FromAnArm64HostOfX64Functions_IsRefusedBeforeBuilding()
    {
        // An Apple Silicon Mac: Native AOT cannot build x86_64 packages there, in a container or not.
        var (code, output) = Run("tools/deploy", new Dictionary<string, string> { ["DEPLOY_HOST_ARCH"] = "arm64" }, "staging", "--dry-run");

        Assert.Equal(2, code);
        Assert.Contains("Native AOT cannot build for another CPU", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("")]
    public void Deploy_UnknownStage_IsRefused(string stage)
    {
        var (code, output) = Run("tools/deploy", stage, "--dry-run");

        Assert.Equal(2, code);
        Assert.Contains("usage: tools/deploy staging|prod", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--stack-name")]
    [InlineData("--config-file")]
    public void Deploy_ANameTheStageFileSets_IsRefused(string option)
    {
        var (code, output) = Run("tools/deploy", X64Host, "prod", "--dry-run", option, "x");

        Assert.Equal(2, code);
        Assert.Contains("do not pass it", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stage=staging;ApiThrottlingRateLimit=1000", 2)]
    [InlineData("ApiThrottlingRateLimit=1000", 2)]
    [InlineData("Stage=prod;ApiThrottlingRateLimit=1000", 0)]
    public void Deploy_TemplateParametersOnTheCommandLine_MustNameTheStageAgain(string parameters, int expected)
    {
        // They replace the stage file's Stage=prod: without it, prod would be deployed with another stage's settings.
        var (code, output) = Run("tools/deploy", X64Host, "prod", "--dry-run", "--template-parameters", parameters);

        Assert.True(code == expected, output);
    }

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("")]
    public void Teardown_WithoutYesOrDryRun_DeletesNothing(string argument)
    {
        var (code, output) = Run("tools/teardown", "staging", argument);

        Assert.Equal(2, code);
        Assert.Contains("--yes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Teardown_DryRun_NamesTheRetainedResourcesAndChangesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("teardown-");
        try
        {
            var calls = Path.Combine(folder.FullName, "calls.txt");
            FakeAws(folder.FullName, $$"""
                echo "$*" >> "{{calls}}"
                case "$1 $2" in
                  "cloudformation describe-stacks")
                    case "$*" in
                      *TableName*) echo gymcoach-staging ;;
                      *MediaBucketName*) echo gymcoach-staging-media-123456789012 ;;
                      *UserPoolId*) echo eu-west-1_pool ;;
                    esac ;;
                  "sts get-caller-identity") echo 123456789012 ;;
                esac
                """);

            var (code, output) = Run("tools/teardown", new Dictionary<string, string> { ["PATH"] = folder.FullName + ":" + Environment.GetEnvironmentVariable("PATH") }, "staging", "--dry-run");

            Assert.True(code == 0, output);
            Assert.Contains("would run: aws cloudformation delete-stack --stack-name gymcoach-staging", output, StringComparison.Ordinal);
            Assert.Contains("would run: aws dynamodb delete-table --table-name gymcoach-staging", output, StringComparison.Ordinal);
            Assert.Contains("would run: aws s3api delete-bucket --bucket gymcoach-staging-media-123456789012", output, StringComparison.Ordinal);
            Assert.Contains("would run: aws cognito-idp delete-user-pool --user-pool-id eu-west-1_pool", output, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllLines(calls), l => l.Contains("delete", StringComparison.Ordinal) || l.Contains(" rm ", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Teardown_Prod_IsRefused()
    {
        var (code, output) = Run("tools/teardown", "prod");

        Assert.Equal(2, code);
        Assert.Contains("retained on purpose", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void StageConfig_BuildImageAndSdk_ArePinnedForTheFunctionsArchitecture(string stage)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, $"aws-lambda-tools-{stage}.json")));
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "serverless.template")));
        var architecture = template.RootElement.GetProperty("Globals").GetProperty("Function").GetProperty("Architectures")[0].GetString();

        Assert.EndsWith("-" + architecture, config.RootElement.GetProperty("container-image-for-build").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^10\.0\.\d+$", config.RootElement.GetProperty("build-sdk").GetString());
    }

    [Fact]
    public void ToolManifest_AmazonLambdaTools_IsPinnedToAVersionThatBuildsNet10Aot()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".config", "dotnet-tools.json")));
        var version = Version.Parse(manifest.RootElement.GetProperty("tools").GetProperty("amazon.lambda.tools").GetProperty("version").GetString()!);

        // 6.0.4 builds net10.0 Native AOT in the SAM build image (public.ecr.aws/sam/build-dotnet10).
        Assert.True(version >= new Version(6, 0, 4), $"Amazon.Lambda.Tools {version} is older than 6.0.4");
    }

    [Fact]
    public void LambdaReport_AStagingRun_QueriesEachFunctionsReportLinesAndTabulatesThem()
    {
        var folder = Directory.CreateTempSubdirectory("lambda-report-");
        try
        {
            // A stand-in AWS CLI: answers start-query with an id, get-query-results with one row, and logs its calls.
            var calls = Path.Combine(folder.FullName, "calls.txt");
            var cli = FakeAws(folder.FullName, $$"""
                echo "$*" >> "{{calls}}"
                case "$2" in
                  start-query) echo '{"queryId":"q1"}' ;;
                  get-query-results) echo '{"status":"Complete","results":[[{"field":"invocations","value":"1200"},{"field":"p50","value":"3.21"},{"field":"p99","value":"18.7"},{"field":"max","value":"402.5"},{"field":"cold","value":"4"},{"field":"init","value":"161.25"},{"field":"memory","value":"41"}]]}' ;;
                esac
                """);
            var report = Path.Combine(folder.FullName, "report.md");

            var (code, output) = Run("node", new Dictionary<string, string> { ["AWS_CLI"] = cli }, "tools/loadtest/lambda-report.js", "--stage", "staging", "--start", "1800000000", "--end", "1800000600", "--out", report);

            Assert.True(code == 0, output);
            var logged = File.ReadAllLines(calls).Where(l => l.StartsWith("logs start-query", StringComparison.Ordinal)).ToList();
            Assert.Equal(9, logged.Count);
            Assert.Contains(logged, l => l.Contains("--log-group-name /aws/lambda/gymcoach-staging-workouts --start-time 1800000000 --end-time 1800000600", StringComparison.Ordinal));
            Assert.All(logged, l => Assert.Contains("platform.report", l, StringComparison.Ordinal));
            Assert.Contains("| gymcoach-staging-workouts | 1200 | 3.2 | 18.7 | 402.5 | 4 | 161.3 | 41 |", File.ReadAllText(report), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void LambdaReport_NoReportLineAtAll_FailsSayingWhatToCheck()
    {
        var folder = Directory.CreateTempSubdirectory("lambda-report-");
        try
        {
            var cli = FakeAws(folder.FullName, """
                case "$2" in
                  start-query) echo '{"queryId":"q1"}' ;;
                  get-query-results) echo '{"status":"Complete","results":[]}' ;;
                esac
                """);

            var (code, output) = Run("node", new Dictionary<string, string> { ["AWS_CLI"] = cli }, "tools/loadtest/lambda-report.js", "--stage", "staging", "--start", "1", "--end", "2");

            Assert.Equal(1, code);
            Assert.Contains("SystemLogLevel", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>An executable <c>aws</c> in <paramref name="folder"/> running <paramref name="body"/> (bash).</summary>
    private static string FakeAws(string folder, string body)
    {
        var cli = Path.Combine(folder, "aws");
        File.WriteAllText(cli, "#!/usr/bin/env bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return cli;
    }

    /// <summary>The template's functions are x86_64; these runs stand for a host of the same CPU, whatever this one is.</summary>
    private static readonly Dictionary<string, string> X64Host = new() { ["DEPLOY_HOST_ARCH"] = "x86_64" };

    private static (int Code, string Output) Run(string file, params string[] arguments) => Run(file, new Dictionary<string, string>(), arguments);

    private static (int Code, string Output) Run(string file, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(file.StartsWith("tools/", StringComparison.Ordinal) ? Path.Combine(RepoPaths.Root, file) : file)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{file} did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
