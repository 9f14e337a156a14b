using System.Text.Json;
using GymCoach.LocalInfra;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// Nobody can run <c>dotnet lambda deploy-serverless</c> from here, so the template is kept honest by tests:
/// what the code serves, what the template routes and what the design requires must agree.
/// </summary>
public sealed class TemplateTests
{
    private static readonly TemplateModel Template = TemplateModel.Load();

    [Fact]
    public void Functions_EachHttpFunction_RoutesExactlyWhatItsRouterServes()
    {
        var httpFunctions = Template.Functions.Where(f => f.Routes.Count > 0).ToList();
        Assert.NotEmpty(httpFunctions);
        foreach (var function in httpFunctions)
        {
            Assert.True(ServiceRouters.ByFunction.ContainsKey(function.LogicalId), $"{function.LogicalId} has no router registered in the tests");
            var served = ServiceRouters.ByFunction[function.LogicalId]().RouteKeys.Order(StringComparer.Ordinal);
            var routed = function.Routes.Select(r => r.RouteKey).Order(StringComparer.Ordinal);
            Assert.Equal(served, routed);
        }
    }

    [Fact]
    public void Functions_RouteKeys_AreUniqueAcrossTheApi()
    {
        var keys = Template.Functions.SelectMany(f => f.Routes).Select(r => r.RouteKey).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Functions_CodeUri_IsAServiceProjectThatPublishesBootstrap()
    {
        foreach (var function in Template.Functions)
        {
            var directory = Path.Combine(RepoPaths.Root, function.CodeUri);
            Assert.True(Directory.Exists(directory), $"{function.LogicalId}: {function.CodeUri} does not exist");
            var project = Assert.Single(Directory.GetFiles(directory, "*.csproj"));
            Assert.StartsWith(Path.Combine(RepoPaths.Root, "services"), Path.GetFullPath(project), StringComparison.Ordinal);
        }

        var servicesProps = File.ReadAllText(Path.Combine(RepoPaths.Root, "services", "Directory.Build.props"));
        Assert.Contains("<AssemblyName>bootstrap</AssemblyName>", servicesProps, StringComparison.Ordinal);
        Assert.Contains("<PublishAot>true</PublishAot>", servicesProps, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_RuntimeSettings_AreCustomRuntimeAot()
    {
        var globals = Template.Root.GetProperty("Globals").GetProperty("Function");
        Assert.Equal("Active", globals.GetProperty("Tracing").GetString());
        Assert.Equal("JSON", globals.GetProperty("LoggingConfig").GetProperty("LogFormat").GetString());
        // A literal: Amazon.Lambda.Tools publishes for the architecture it reads here and cannot resolve a Ref, so a
        // parameter would deploy x86_64 binaries onto arm64 functions.
        Assert.Contains(Assert.Single(globals.GetProperty("Architectures").EnumerateArray()).GetString(), new[] { "x86_64", "arm64" });
        foreach (var function in Template.Functions)
        {
            Assert.Equal("provided.al2023", function.Runtime);
            Assert.Contains(function.Handler, HandlersOf(function));
            Assert.Equal("Table", function.Environment["TABLE_NAME"].GetProperty("Ref").GetString());
        }
    }

    [Fact]
    public void Functions_EveryServiceExecutable_IsServedByATemplateFunctionForEachOfItsHandlers()
    {
        foreach (var service in ServiceRouters.Services)
        {
            var http = Template.Functions.Single(f => f.LogicalId == service.FunctionLogicalId);
            var functionsOfProject = Template.Functions.Where(f => f.CodeUri == http.CodeUri).Select(f => f.Handler).ToList();

            Assert.Equal(FunctionTableHandlers(service).Order(StringComparer.Ordinal), functionsOfProject.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Functions_StreamEventSources_ReportPartialFailuresBisectRetryBoundedAndKeepWhatFails()
    {
        foreach (var function in Template.Functions)
        {
            if (!function.Properties.TryGetProperty("Events", out var events))
            {
                continue;
            }

            foreach (var source in events.EnumerateObject().Where(e => e.Value.GetProperty("Type").GetString() == "DynamoDB"))
            {
                // Without ReportBatchItemFailures Lambda ignores batchItemFailures and a failed record is lost as a success.
                var properties = source.Value.GetProperty("Properties");
                Assert.Contains("ReportBatchItemFailures", properties.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()));
                Assert.True(properties.GetProperty("BisectBatchOnFunctionError").GetBoolean(), $"{function.LogicalId}/{source.Name}: BisectBatchOnFunctionError");
                // Bounded retries, or (the sync change log, which must hold every change) retries without end and no age limit.
                var retries = properties.GetProperty("MaximumRetryAttempts").GetInt32();
                Assert.True(retries is >= 0 and <= 10 || (retries == -1 && properties.GetProperty("MaximumRecordAgeInSeconds").GetInt32() == -1), $"{function.LogicalId}/{source.Name}: {retries} retries");
                Assert.True(properties.GetProperty("DestinationConfig").GetProperty("OnFailure").TryGetProperty("Destination", out _), $"{function.LogicalId}/{source.Name}: no on-failure destination");
            }
        }
    }

    private static IEnumerable<string> HandlersOf(FunctionDefinition function) =>
        ServiceRouters.Services.Where(s => Template.Functions.Single(f => f.LogicalId == s.FunctionLogicalId).CodeUri == function.CodeUri)
            .SelectMany(FunctionTableHandlers)
            .DefaultIfEmpty("bootstrap");

    private static IEnumerable<string> FunctionTableHandlers(Lambda.Http.IServiceDescription service) => service.Functions().Handlers;

    [Fact]
    public void Functions_Policies_AreLeastPrivilegeOnTheTable()
    {
        foreach (var function in Template.Functions)
        {
            var statements = function.Properties.GetProperty("Policies").EnumerateArray()
                .SelectMany(p => p.GetProperty("Statement").EnumerateArray()).ToList();
            Assert.NotEmpty(statements);
            foreach (var statement in statements)
            {
                var actions = statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();
                Assert.DoesNotContain(actions, a => a.EndsWith('*'));
                Assert.DoesNotContain(actions, a => a is "dynamodb:Scan" or "dynamodb:DeleteTable" or "dynamodb:CreateTable");
                Assert.All(statement.GetProperty("Resource").EnumerateArray(), r => Assert.NotEqual(JsonValueKind.String, r.ValueKind));
            }
        }
    }

    [Fact]
    public void Functions_TablePolicies_RequireAndRestrictTheLeadingKey()
    {
        foreach (var function in Template.Functions)
        {
            var statements = function.Properties.GetProperty("Policies").EnumerateArray()
                .SelectMany(p => p.GetProperty("Statement").EnumerateArray())
                .Where(s => s.GetProperty("Action").EnumerateArray().Any(a => a.GetString()!.StartsWith("dynamodb:", StringComparison.Ordinal)))
                .ToList();
            Assert.NotEmpty(statements);
            foreach (var statement in statements)
            {
                // ForAllValues is vacuously true for a request without leading keys (a Scan, DescribeTable):
                // the Null guard makes the key's presence a requirement too.
                // A user's own partition, the shared library partitions (read by everyone, written by the seeder), or
                // a user's rate-limit windows (counts only).
                var condition = statement.GetProperty("Condition");
                var leadingKeys = condition.GetProperty("ForAllValues:StringLike").GetProperty("dynamodb:LeadingKeys").EnumerateArray().Select(v => v.GetString()).ToList();
                Assert.NotEmpty(leadingKeys);
                Assert.All(leadingKeys, key => Assert.Contains(key, new[] { "USER#*", "LIBRARY#*", "LIMIT#*" }));
                if (leadingKeys.Contains("LIMIT#*"))
                {
                    // Nothing but the limiter's counting ADD there.
                    Assert.Equal(["LIMIT#*"], leadingKeys);
                    Assert.Equal(["dynamodb:UpdateItem"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
                }
                Assert.Equal("false", condition.GetProperty("Null").GetProperty("dynamodb:LeadingKeys").GetString());
            }
        }
    }

    [Fact]
    public void CursorSigningKey_IsGeneratedByTheStackAndReferencedDynamically()
    {
        Assert.False(Template.Root.GetProperty("Parameters").TryGetProperty("CursorSigningKey", out _), "a deployer must not type the key");
        var secrets = Template.Root.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == "AWS::SecretsManager::Secret").ToList();
        var secret = Assert.Single(secrets);
        var generate = secret.Value.GetProperty("Properties").GetProperty("GenerateSecretString");
        Assert.True(generate.GetProperty("PasswordLength").GetInt32() >= 32);
        var field = generate.GetProperty("GenerateStringKey").GetString();

        var reference = Template.Root.GetProperty("Globals").GetProperty("Function").GetProperty("Environment").GetProperty("Variables")
            .GetProperty("CURSOR_SIGNING_KEY").GetProperty("Fn::Sub").GetString();
        Assert.Equal($"{{{{resolve:secretsmanager:${{{secret.Name}}}:SecretString:{field}}}}}", reference);
    }

    [Fact]
    public void Functions_TimeoutVariable_EqualsTheConfiguredTimeout()
    {
        var globals = Template.Root.GetProperty("Globals").GetProperty("Function");
        var globalTimeout = globals.GetProperty("Timeout").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(globalTimeout, globals.GetProperty("Environment").GetProperty("Variables").GetProperty("FUNCTION_TIMEOUT_SECONDS").GetString());
        foreach (var function in Template.Functions)
        {
            var timeout = function.Properties.TryGetProperty("Timeout", out var own) ? own.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : globalTimeout;
            var variable = function.Environment.TryGetValue("FUNCTION_TIMEOUT_SECONDS", out var value) ? value.GetString() : globalTimeout;
            Assert.Equal(timeout, variable);
        }
    }

    [Fact]
    public void Table_IsTheSingleTableDesign()
    {
        var table = Assert.Single(Template.Tables).Properties;

        Assert.Equal("PAY_PER_REQUEST", table.GetProperty("BillingMode").GetString());
        Assert.Equal(["PK:HASH", "SK:RANGE"], KeySchema(table.GetProperty("KeySchema")));
        var gsi = Assert.Single(table.GetProperty("GlobalSecondaryIndexes").EnumerateArray());
        Assert.Equal("GSI1", gsi.GetProperty("IndexName").GetString());
        Assert.Equal(["GSI1PK:HASH", "GSI1SK:RANGE"], KeySchema(gsi.GetProperty("KeySchema")));
        Assert.All(table.GetProperty("AttributeDefinitions").EnumerateArray(), a => Assert.Equal("S", a.GetProperty("AttributeType").GetString()));
        Assert.Equal("ttl", table.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(table.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.Equal("NEW_AND_OLD_IMAGES", table.GetProperty("StreamSpecification").GetProperty("StreamViewType").GetString());
    }

    [Fact]
    public void HttpApi_JwtAuthorizer_TrustsTheStacksUserPoolUnlessAnIssuerIsGiven()
    {
        var api = Template.Root.GetProperty("Resources").GetProperty("HttpApi").GetProperty("Properties").GetProperty("Auth");
        var authorizer = api.GetProperty("Authorizers").GetProperty(api.GetProperty("DefaultAuthorizer").GetString()!);
        var jwt = authorizer.GetProperty("JwtConfiguration");

        var issuer = jwt.GetProperty("issuer").GetProperty("Fn::If");
        Assert.Equal("UseStackUserPool", issuer[0].GetString());
        Assert.Equal("https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}", issuer[1].GetProperty("Fn::Sub").GetString());
        Assert.Equal("JwtIssuer", issuer[2].GetProperty("Ref").GetString());
        var audience = jwt.GetProperty("audience").GetProperty("Fn::If");
        Assert.Equal("UseStackUserPool", audience[0].GetString());
        Assert.Equal("UserPoolClient", audience[1][0].GetProperty("Ref").GetString());
        Assert.Equal("JwtAudience", audience[2].GetProperty("Ref").GetString());
        Assert.Equal(string.Empty, Template.ParameterDefault("JwtIssuer"));
        Assert.Equal("$request.header.Authorization", authorizer.GetProperty("IdentitySource").GetString());
    }

    [Fact]
    public void Functions_HttpEvents_AllBelongToTheOneApi()
    {
        foreach (var function in Template.Functions)
        {
            if (!function.Properties.TryGetProperty("Events", out var events))
            {
                continue; // a function no event invokes (the library seeder, a custom resource)
            }

            foreach (var e in events.EnumerateObject().Where(e => e.Value.GetProperty("Type").GetString() == "HttpApi"))
            {
                Assert.Equal("HttpApi", e.Value.GetProperty("Properties").GetProperty("ApiId").GetProperty("Ref").GetString());
            }
        }
    }

    [Theory]
    [InlineData("aws-lambda-tools-defaults.json")]
    [InlineData("aws-lambda-tools-staging.json")]
    [InlineData("aws-lambda-tools-prod.json")]
    public void LambdaToolsConfig_PointsAtTheTemplate(string file)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, file)));
        var root = config.RootElement;

        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, root.GetProperty("template").GetString()!)));
        Assert.Equal("net10.0", root.GetProperty("framework").GetString());
        Assert.Equal("Release", root.GetProperty("configuration").GetString());
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void LambdaToolsStageConfig_NamesItsStackAndItsStageTogether(string stage)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, $"aws-lambda-tools-{stage}.json")));
        using var defaults = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "aws-lambda-tools-defaults.json")));

        Assert.Equal("gymcoach-" + stage, config.RootElement.GetProperty("stack-name").GetString());
        Assert.Equal("Stage=" + stage, config.RootElement.GetProperty("template-parameters").GetString());

        // The file read when none is named sets neither, and the template's Stage has no default: a deploy that
        // names no stage is refused rather than creating a stack (say gymcoach-prod) with staging's settings.
        Assert.False(defaults.RootElement.TryGetProperty("stack-name", out _));
        Assert.False(defaults.RootElement.TryGetProperty("template-parameters", out _));
        Assert.False(Template.Root.GetProperty("Parameters").GetProperty("Stage").TryGetProperty("Default", out _));

        // Otherwise the same settings as the defaults file.
        foreach (var setting in defaults.RootElement.EnumerateObject().Where(p => p.Name != "Information"))
        {
            Assert.Equal(setting.Value.GetRawText(), config.RootElement.GetProperty(setting.Name).GetRawText());
        }
    }

    [Fact]
    public void Parameters_EveryRefResolvesToAParameterOrResource()
    {
        var names = Template.Root.GetProperty("Parameters").EnumerateObject().Select(p => p.Name)
            .Concat(Template.Root.GetProperty("Resources").EnumerateObject().Select(r => r.Name))
            .ToHashSet(StringComparer.Ordinal);
        var refs = new List<string>();
        CollectRefs(Template.Root.GetProperty("Resources"), refs);

        Assert.All(refs, r => Assert.True(names.Contains(r) || r.StartsWith("AWS::", StringComparison.Ordinal), $"unresolved Ref {r}"));
    }

    private static List<string> KeySchema(JsonElement schema) =>
        schema.EnumerateArray().Select(k => $"{k.GetProperty("AttributeName").GetString()}:{k.GetProperty("KeyType").GetString()}").ToList();

    private static void CollectRefs(JsonElement element, List<string> refs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "Ref")
                    {
                        refs.Add(property.Value.GetString()!);
                    }
                    else if (property.Name == "Fn::GetAtt")
                    {
                        refs.Add(property.Value[0].GetString()!);
                    }
                    else
                    {
                        CollectRefs(property.Value, refs);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectRefs(item, refs);
                }

                break;
        }
    }
}
