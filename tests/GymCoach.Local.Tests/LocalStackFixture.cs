using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using GymCoach.Local;
using GymCoach.LocalInfra;

namespace GymCoach.Local.Tests;

/// <summary>
/// The real local stack (DynamoDB Local, s3rver, gateway, emulator), started once for these tests from the
/// real serverless.template plus a probe function that sleeps, crashes and echoes its event.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    public const int ProbeTimeoutSeconds = 2;
    public const int ProbeConcurrency = 4;

    /// <summary>The deletion settle time of the tests' stack (the template's is the Analytics stream timeout and more).</summary>
    public const int SettleSeconds = 5;

    private readonly ConcurrentQueue<string> _lines = new();

    public LocalStack Stack { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public IReadOnlyCollection<string> Lines => _lines;

    public async Task InitializeAsync()
    {
        var state = Path.Combine(RepoPaths.LocalState, "test-stack");
        Directory.CreateDirectory(state);
        var templatePath = Path.Combine(state, "probe.template");
        await File.WriteAllTextAsync(templatePath, ProbeTemplate());
        Stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            Port = FreePort.Next(),
            InMemory = true,
            Jit = true,
            NoBuild = true, // this project's build built every function (its project references), before any test ran
            IdleTimeout = TimeSpan.FromSeconds(4),
            TemplatePath = templatePath,
            StateDirectory = state,
            Log = _lines.Enqueue,
        });
        Http.BaseAddress = new Uri(Stack.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Stack.DisposeAsync();
    }

    public string Token(string sub = "alice") => Stack.Tokens.Issue(sub, TimeSpan.FromMinutes(10));

    public HttpRequestMessage Request(HttpMethod method, string path, string? sub = "alice", string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (sub is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(sub));
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    public int CountReports(string function, bool coldOnly) =>
        _lines.Count(l => l.StartsWith($"[{function}] REPORT", StringComparison.Ordinal) && (!coldOnly || l.Contains("Init Duration:", StringComparison.Ordinal)));

    /// <summary>The repository's template with the probe function added; CodeUris made absolute (it is written elsewhere).</summary>
    private static string ProbeTemplate()
    {
        var template = JsonNode.Parse(File.ReadAllText(RepoPaths.Template))!;
        foreach (var (_, resource) in template["Resources"]!.AsObject())
        {
            if (resource!["Properties"]?["CodeUri"] is { } codeUri)
            {
                resource["Properties"]!["CodeUri"] = Path.Combine(RepoPaths.Root, codeUri.GetValue<string>());
            }
        }

        // Account deletion keeps sweeping for the Analytics stream function's timeout (65 s in the template) after it
        // starts; the tests' stack waits 5 s, so a deletion through it takes seconds rather than a minute.
        foreach (var function in new[] { "ProfilesFunction", "ProfilesJobsFunction" })
        {
            template["Resources"]![function]!["Properties"]!["Environment"]!["Variables"]!["DELETION_SETTLE_SECONDS"] = SettleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var events = new JsonObject();
        foreach (var (name, method, path) in new[]
        {
            ("Ok", "GET", "/probe/ok"), ("Sleep", "GET", "/probe/sleep/{ms}"), ("Crash", "GET", "/probe/crash"),
            ("Echo", "POST", "/probe/echo"), ("Files", "GET", "/probe/files/{path+}"),
        })
        {
            events[name] = new JsonObject
            {
                ["Type"] = "HttpApi",
                ["Properties"] = new JsonObject { ["ApiId"] = new JsonObject { ["Ref"] = "HttpApi" }, ["Method"] = method, ["Path"] = path },
            };
        }

        template["Resources"]!["ProbeBucket"] = new JsonObject { ["Type"] = "AWS::S3::Bucket" };
        template["Resources"]!["ProbeFunction"] = new JsonObject
        {
            ["Type"] = "AWS::Serverless::Function",
            ["Properties"] = new JsonObject
            {
                ["CodeUri"] = Path.Combine(RepoPaths.Root, "tests", "fixtures", "EmulatorProbe"),
                ["Handler"] = "bootstrap",
                ["MemorySize"] = 256,
                ["Timeout"] = ProbeTimeoutSeconds,
                ["ReservedConcurrentExecutions"] = ProbeConcurrency,
                ["Policies"] = new JsonArray(),
                ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["BUCKET_NAME"] = new JsonObject { ["Ref"] = "ProbeBucket" } } },
                ["Events"] = events,
            },
        };
        return template.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "Local stack";
}
