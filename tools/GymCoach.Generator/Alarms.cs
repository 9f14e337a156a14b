using System.Text.Json.Nodes;
using GymCoach.Lambda.Deployment;
using static GymCoach.Generator.TemplateJson;

namespace GymCoach.Generator;

/// <summary>
/// The alarms every function gets (errors, throttles, p99 duration) and those a stream consumer adds (iterator
/// age, records in its failure queue), all notifying the alarm topic on breach and on recovery.
/// </summary>
internal static class Alarms
{
    public static IEnumerable<(string Name, JsonObject Alarm)> For(FunctionDeclaration function)
    {
        var prefix = function.ResourcePrefix;
        var id = function.LogicalId;
        yield return (prefix + "ErrorsAlarm", LambdaAlarm(
            function, "errors", $"{id} failed invocations (unhandled errors, timeouts, crashes; a handled 4xx/5xx answer is not one).", "Errors", "Sum", 1, "GreaterThanOrEqualToThreshold"));
        yield return (prefix + "ThrottlesAlarm", LambdaAlarm(
            function, "throttles", $"{id} invocations refused for concurrency (its reserved concurrency is the ceiling).", "Throttles", "Sum", 1, "GreaterThanOrEqualToThreshold"));

        // An API function answers within the API's p99 target; any other, within 80% of its timeout.
        var (threshold, meaning) = function.Kind == FunctionKind.Api
            ? ((JsonNode)Ref("ApiP99ThresholdMs"), "ApiP99ThresholdMs")
            : (JsonValue.Create(function.TimeoutSeconds * 800)!, "80% of its timeout");
        yield return (prefix + "DurationAlarm", LambdaAlarm(
            function, "p99-duration", $"{id} p99 duration above {meaning}.", "Duration", "p99", threshold, "GreaterThanThreshold"));

        if (function.Kind != FunctionKind.StreamConsumer)
        {
            yield break;
        }

        yield return (prefix + "IteratorAgeAlarm", LambdaAlarm(
            function, "iterator-age", $"{id} is behind the table's stream by more than a minute (records wait, and expire after 24 h).", "IteratorAge", "Maximum", 60000, "GreaterThanThreshold"));

        var queue = FunctionBlock.FailureQueue(function);
        yield return (queue + "DepthAlarm", Alarm(
            Sub($"gymcoach-${{Stage}}-{queue}-depth"),
            $"Stream records {id} gave up on wait in {queue}: each is a change nobody applied.",
            "AWS/SQS",
            "ApproximateNumberOfMessagesVisible",
            new JsonObject { ["Name"] = "QueueName", ["Value"] = GetAtt(queue, "QueueName") },
            "Maximum",
            period: 300,
            evaluationPeriods: 1,
            datapoints: 1,
            1,
            "GreaterThanOrEqualToThreshold"));
    }

    private static JsonObject LambdaAlarm(FunctionDeclaration function, string suffix, string description, string metric, string statistic, JsonNode threshold, string comparison) =>
        Alarm(
            StageName($"{function.Name}-{suffix}"),
            description,
            "AWS/Lambda",
            metric,
            new JsonObject { ["Name"] = "FunctionName", ["Value"] = Ref(function.LogicalId) },
            statistic,
            period: 60,
            evaluationPeriods: 5,
            datapoints: 3,
            threshold,
            comparison);

    private static JsonObject Alarm(
        JsonNode name, string description, string metricNamespace, string metric, JsonObject dimension, string statistic, int period, int evaluationPeriods, int datapoints, JsonNode threshold, string comparison)
    {
        var properties = new JsonObject
        {
            ["AlarmName"] = name,
            ["AlarmDescription"] = description,
            ["Namespace"] = metricNamespace,
            ["MetricName"] = metric,
            ["Dimensions"] = new JsonArray(dimension),
        };

        // Percentiles are extended statistics in CloudWatch's API.
        properties[statistic.StartsWith('p') ? "ExtendedStatistic" : "Statistic"] = statistic;
        properties["Period"] = period;
        properties["EvaluationPeriods"] = evaluationPeriods;
        properties["DatapointsToAlarm"] = datapoints;
        properties["Threshold"] = threshold;
        properties["ComparisonOperator"] = comparison;
        properties["TreatMissingData"] = "notBreaching";
        properties["AlarmActions"] = new JsonArray(Ref("AlarmTopic"));
        properties["OKActions"] = new JsonArray(Ref("AlarmTopic"));
        return new JsonObject { ["Type"] = "AWS::CloudWatch::Alarm", ["Properties"] = properties };
    }
}
