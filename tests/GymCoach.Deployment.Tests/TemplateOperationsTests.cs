using System.Text.Json;
using System.Text.RegularExpressions;
using GymCoach.LocalInfra;

namespace GymCoach.Deployment.Tests;

/// <summary>
/// What an operator needs from every function, and that a new function would silently lack: its log group
/// with retention, its alarms, its place on the dashboard, capacity settings as parameters, names carrying
/// the stage. Each check walks the template's functions, so adding one without these fails here.
/// </summary>
public sealed partial class TemplateOperationsTests
{
    private static readonly TemplateModel Template = TemplateModel.Load();
    private static readonly JsonElement Resources = Template.Root.GetProperty("Resources");

    [Fact]
    public void Functions_EachFunction_LogsToItsOwnGroupWithRetention()
    {
        foreach (var function in Template.Functions)
        {
            var group = function.Properties.GetProperty("LoggingConfig").GetProperty("LogGroup").GetProperty("Ref").GetString()!;
            var properties = Resource(group, "AWS::Logs::LogGroup");
            Assert.Equal("LogRetentionDays", properties.GetProperty("RetentionInDays").GetProperty("Ref").GetString());
            var functionName = function.Properties.GetProperty("FunctionName").GetProperty("Fn::Sub").GetString();

            // Lambda writes to /aws/lambda/<name> only if LoggingConfig says so; naming the group the same keeps
            // the console's "View logs" working too.
            Assert.Equal("/aws/lambda/" + functionName, properties.GetProperty("LogGroupName").GetProperty("Fn::Sub").GetString());
        }

        Assert.Equal("JSON", Template.Root.GetProperty("Globals").GetProperty("Function").GetProperty("LoggingConfig").GetProperty("LogFormat").GetString());
    }

    [Fact]
    public void Functions_EachFunction_AlarmsOnErrorsThrottlesAndP99Duration()
    {
        foreach (var function in Template.Functions)
        {
            var alarms = AlarmsOn("AWS/Lambda", "FunctionName", function.LogicalId);
            Assert.Contains(alarms, a => Metric(a) == "Errors" && a.GetProperty("Statistic").GetString() == "Sum");
            Assert.Contains(alarms, a => Metric(a) == "Throttles");
            var duration = Assert.Single(alarms, a => Metric(a) == "Duration");
            Assert.Equal("p99", duration.GetProperty("ExtendedStatistic").GetString());
        }
    }

    [Fact]
    public void SyncLog_ItsMapping_RetriesARecordUntilItIsLogged()
    {
        // A record given up on would be a change no device ever learns of, and no cursor would know it missed it.
        var mapping = Template.Functions.Single(f => f.LogicalId == "SyncLogFunction").Properties.GetProperty("Events").GetProperty("TableStream").GetProperty("Properties");

        Assert.Equal(-1, mapping.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(-1, mapping.GetProperty("MaximumRecordAgeInSeconds").GetInt32());
        Assert.Contains(AlarmsOn("AWS/Lambda", "FunctionName", "SyncLogFunction"), a => Metric(a) == "IteratorAge");
    }

    [Fact]
    public void Functions_EachStreamConsumer_AlarmsOnIteratorAgeAndItsFailureQueueDepth()
    {
        var consumers = Template.Functions.Where(f => f.StreamEvents.Count > 0).ToList();
        Assert.Equal(3, consumers.Count);
        foreach (var function in consumers)
        {
            Assert.Contains(AlarmsOn("AWS/Lambda", "FunctionName", function.LogicalId), a => Metric(a) == "IteratorAge");
            foreach (var name in function.StreamEvents)
            {
                var queue = function.Properties.GetProperty("Events").GetProperty(name).GetProperty("Properties")
                    .GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination").GetProperty("Fn::GetAtt")[0].GetString()!;
                var depth = Assert.Single(Alarms(), a => a.GetProperty("Namespace").GetString() == "AWS/SQS"
                    && a.GetProperty("Dimensions")[0].GetProperty("Value").GetProperty("Fn::GetAtt")[0].GetString() == queue);
                Assert.Equal("ApproximateNumberOfMessagesVisible", Metric(depth));
                Assert.Equal(1, depth.GetProperty("Threshold").GetInt32());
            }
        }
    }

    [Fact]
    public void Table_AlarmsOnThrottlesAndIsProtectedFromDeletionInProd()
    {
        var alarms = AlarmsOn("AWS/DynamoDB", "TableName", "Table");
        Assert.Equal(["ReadThrottleEvents", "WriteThrottleEvents"], alarms.Select(Metric).Order(StringComparer.Ordinal));

        var protection = Template.Tables.Single().Properties.GetProperty("DeletionProtectionEnabled").GetProperty("Fn::If");
        Assert.Equal("IsProd", protection[0].GetString());
        Assert.True(protection[1].GetBoolean());
        Assert.False(protection[2].GetBoolean());
        Assert.Equal("""{"Fn::Equals":[{"Ref":"Stage"},"prod"]}""", Template.Root.GetProperty("Conditions").GetProperty("IsProd").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        Assert.Equal("Retain", Resources.GetProperty("Table").GetProperty("UpdateReplacePolicy").GetString());
    }

    [Theory]
    [InlineData("Table")]
    [InlineData("MediaBucket")]
    [InlineData("UserPool")]
    public void StatefulResources_DeletionPolicy_KeepsDataButNotAFailedFirstCreate(string logicalId)
    {
        // Retain would keep a half-created stack's table, bucket and pool after the rollback of a failed first
        // deploy, and the retry would fail on their names ("already exists").
        Assert.Equal("RetainExceptOnCreate", Resources.GetProperty(logicalId).GetProperty("DeletionPolicy").GetString());
    }

    [Fact]
    public void AlarmTopic_Encryption_IsAKeyCloudWatchMayUse()
    {
        // CloudWatch cannot publish to a topic under the AWS-managed alias/aws/sns key (its policy cannot grant
        // cloudwatch.amazonaws.com): every alarm would fire into nothing.
        var key = Resource("AlarmTopic", "AWS::SNS::Topic").GetProperty("KmsMasterKeyId").GetProperty("Ref").GetString()!;
        var statements = Resource(key, "AWS::KMS::Key").GetProperty("KeyPolicy").GetProperty("Statement").EnumerateArray().ToList();

        var cloudWatch = Assert.Single(statements, s => s.GetProperty("Principal").TryGetProperty("Service", out var service) && service.GetString() == "cloudwatch.amazonaws.com");
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], cloudWatch.GetProperty("Action").EnumerateArray().Select(a => a.GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(statements, s => s.GetProperty("Action").ValueKind == JsonValueKind.String && s.GetProperty("Action").GetString() == "kms:*"
            && s.GetProperty("Principal").GetProperty("AWS").GetProperty("Fn::Sub").GetString() == "arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
    }

    [Fact]
    public void Alarms_EveryAlarm_NotifiesTheAlarmTopicAndNamesTheStage()
    {
        var alarms = Alarms().ToList();
        Assert.True(alarms.Count >= (3 * Template.Functions.Count) + 6, $"{alarms.Count} alarms");
        foreach (var alarm in alarms)
        {
            Assert.Equal("AlarmTopic", Assert.Single(alarm.GetProperty("AlarmActions").EnumerateArray()).GetProperty("Ref").GetString());
            Assert.Equal("notBreaching", alarm.GetProperty("TreatMissingData").GetString());
        }
    }

    [Fact]
    public void Functions_CapacitySettings_AreParametersWithDefaults()
    {
        foreach (var function in Template.Functions.Where(f => f.Handler != "seed-library"))
        {
            var memory = Parameter(function.Properties.GetProperty("MemorySize"));
            Assert.InRange(memory.GetProperty("Default").GetInt32(), 128, 10240);
            var reserved = Parameter(function.Properties.GetProperty("ReservedConcurrentExecutions"));
            Assert.True(reserved.GetProperty("Default").GetInt32() >= 1);

            // Lambda refuses provisioned concurrency 0, so 0 means "leave it out" through a condition.
            var provisioned = function.Properties.GetProperty("ProvisionedConcurrencyConfig").GetProperty("Fn::If");
            var condition = Template.Root.GetProperty("Conditions").GetProperty(provisioned[0].GetString()!);
            var parameterName = provisioned[1].GetProperty("ProvisionedConcurrentExecutions").GetProperty("Ref").GetString()!;
            Assert.Equal($$"""{"Fn::Not":[{"Fn::Equals":[{"Ref":"{{parameterName}}"},0]}]}""", Compact(condition));
            Assert.Equal(0, Template.Root.GetProperty("Parameters").GetProperty(parameterName).GetProperty("Default").GetInt32());
            Assert.Equal("AWS::NoValue", provisioned[2].GetProperty("Ref").GetString());
            Assert.Equal("live", function.Properties.GetProperty("AutoPublishAlias").GetString());
        }
    }

    [Fact]
    public void HttpApi_AccessLogs_NameTheCallerAndGoToARetainedGroup()
    {
        var settings = Resource("HttpApi", "AWS::Serverless::HttpApi").GetProperty("AccessLogSettings");
        var group = settings.GetProperty("DestinationArn").GetProperty("Fn::GetAtt")[0].GetString()!;
        var properties = Resource(group, "AWS::Logs::LogGroup");
        using var format = JsonDocument.Parse(settings.GetProperty("Format").GetString()!); // one JSON object a request

        // Who called (the authorizer's sub: the only identity the services trust), what, and how it ended.
        Assert.Equal("$context.authorizer.claims.sub", format.RootElement.GetProperty("sub").GetString());
        Assert.Equal("$context.requestId", format.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("$context.routeKey", format.RootElement.GetProperty("routeKey").GetString());
        Assert.Equal("$context.status", format.RootElement.GetProperty("status").GetString());
        // API Gateway writes these variables unescaped: a client-chosen one (a user agent) could forge "sub".
        Assert.DoesNotContain("userAgent", settings.GetProperty("Format").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("$context.error.message\"", settings.GetProperty("Format").GetString()!, StringComparison.Ordinal);
        Assert.Equal("LogRetentionDays", properties.GetProperty("RetentionInDays").GetProperty("Ref").GetString());
        Assert.Contains("${Stage}", properties.GetProperty("LogGroupName").GetProperty("Fn::Sub").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HttpApi_DefaultRouteThrottling_IsParameterisedWithABurstAboveTheRate()
    {
        var settings = Resource("HttpApi", "AWS::Serverless::HttpApi").GetProperty("DefaultRouteSettings");
        var rate = Parameter(settings.GetProperty("ThrottlingRateLimit"));
        var burst = Parameter(settings.GetProperty("ThrottlingBurstLimit"));

        // A route without a limit lets one client spend the account's Lambda concurrency; a staging load test
        // raises these at deploy time instead of editing the template.
        Assert.True(rate.GetProperty("Default").GetInt32() >= 1);
        Assert.True(burst.GetProperty("Default").GetInt32() >= rate.GetProperty("Default").GetInt32());
        Assert.Equal("Number", rate.GetProperty("Type").GetString());
        Assert.Equal("Number", burst.GetProperty("Type").GetString());
    }

    [Fact]
    public void Dashboard_ShowsEveryFunctionQueueTheApiAndTheTable()
    {
        var body = Resources.GetProperty("Dashboard").GetProperty("Properties").GetProperty("DashboardBody").GetProperty("Fn::Sub").GetString()!;
        using var document = JsonDocument.Parse(body);
        Assert.NotEmpty(document.RootElement.GetProperty("widgets").EnumerateArray());
        var substituted = Substitution().Matches(body).Select(m => m.Groups[1].Value.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var function in Template.Functions)
        {
            Assert.Contains(function.LogicalId, substituted);
        }

        Assert.Contains("HttpApi", substituted);
        Assert.Contains("Table", substituted);
        Assert.Contains("AnalyticsStreamFailureQueue", substituted);
        Assert.Contains("ProfilesJobsFailureQueue", substituted);
    }

    [Fact]
    public void Resources_EveryName_CarriesTheStage()
    {
        string[] allowed = ["staging", "prod"];
        Assert.Equal(allowed, Template.Root.GetProperty("Parameters").GetProperty("Stage").GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString()));
        var named = 0;
        foreach (var resource in Resources.EnumerateObject())
        {
            if (!resource.Value.TryGetProperty("Properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject().Where(p => p.Name is "FunctionName" or "TableName" or "QueueName" or "TopicName" or "LogGroupName" or "AlarmName" or "DashboardName" or "UserPoolName" or "ClientName"))
            {
                named++;
                Assert.Contains("${Stage}", property.Value.GetProperty("Fn::Sub").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.True(named > 40, $"{named} names");
    }

    [Fact]
    public void Template_EverySubstitutionAndCondition_ResolvesToSomethingDeclared()
    {
        var declared = Template.Root.GetProperty("Parameters").EnumerateObject().Select(p => p.Name)
            .Concat(Resources.EnumerateObject().Select(r => r.Name))
            .ToHashSet(StringComparer.Ordinal);
        var conditions = Template.Root.GetProperty("Conditions").EnumerateObject().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var text = Template.Root.GetRawText();

        foreach (Match match in Substitution().Matches(text))
        {
            var name = match.Groups[1].Value.Split('.')[0];
            Assert.True(declared.Contains(name) || name.StartsWith("AWS::", StringComparison.Ordinal), $"unresolved ${{{match.Groups[1].Value}}}");
        }

        foreach (Match match in ConditionUse().Matches(text))
        {
            Assert.Contains(match.Groups[1].Value, conditions);
        }

        foreach (Match match in IfUse().Matches(text))
        {
            Assert.Contains(match.Groups[1].Value, conditions);
        }
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void LambdaToolsStageConfig_TheBucketIsAllADeployerTypes(string stage)
    {
        using var defaults = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, $"aws-lambda-tools-{stage}.json")));
        var parameters = defaults.RootElement.GetProperty("template-parameters").GetString()!
            .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]);
        var declared = Template.Root.GetProperty("Parameters");

        Assert.All(parameters, p => Assert.True(declared.TryGetProperty(p, out _), $"unknown parameter {p}"));

        // Every parameter the defaults do not set has a default of its own: nothing else must be typed.
        var set = parameters.ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in declared.EnumerateObject().Where(p => !set.Contains(p.Name)))
        {
            Assert.True(parameter.Value.TryGetProperty("Default", out _), $"{parameter.Name} has no default");
        }

        Assert.Contains("CAPABILITY_IAM", defaults.RootElement.GetProperty("capabilities").GetString(), StringComparison.Ordinal);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static JsonElement Resource(string logicalId, string type)
    {
        var resource = Resources.GetProperty(logicalId);
        Assert.Equal(type, resource.GetProperty("Type").GetString());
        return resource.GetProperty("Properties");
    }

    private static JsonElement Parameter(JsonElement reference) =>
        Template.Root.GetProperty("Parameters").GetProperty(reference.GetProperty("Ref").GetString()!);

    private static IEnumerable<JsonElement> Alarms() =>
        Resources.EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::CloudWatch::Alarm").Select(r => r.Value.GetProperty("Properties"));

    private static List<JsonElement> AlarmsOn(string @namespace, string dimension, string logicalId) =>
        Alarms().Where(a => a.GetProperty("Namespace").GetString() == @namespace
            && a.GetProperty("Dimensions").EnumerateArray().Any(d => d.GetProperty("Name").GetString() == dimension
                && d.GetProperty("Value").TryGetProperty("Ref", out var r) && r.GetString() == logicalId)).ToList();

    private static string Metric(JsonElement alarm) => alarm.GetProperty("MetricName").GetString()!;

    [GeneratedRegex(@"\$\{([A-Za-z0-9:.]+)\}")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"""Condition"":\s*""([A-Za-z0-9]+)""")]
    private static partial Regex ConditionUse();

    [GeneratedRegex(@"""Fn::If"":\s*\[\s*""([A-Za-z0-9]+)""")]
    private static partial Regex IfUse();
}
