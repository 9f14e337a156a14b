using System.Globalization;
using System.Text.Json.Nodes;
using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Http;
using static GymCoach.Generator.TemplateJson;

namespace GymCoach.Generator;

/// <summary>
/// Everything one function declaration puts in the template: its scaling parameters and condition, the function
/// (with its routes or stream mappings as events), its log group, failure queue, custom resource, and alarms.
/// What every function gets the same way lives here once; what differs is in the declaration.
/// </summary>
internal static class FunctionBlock
{
    /// <summary>Writes <paramref name="function"/>'s block, served from <paramref name="codeUri"/>, with <paramref name="routes"/> as its events (an API function's).</summary>
    public static void Write(FunctionDeclaration function, string codeUri, IReadOnlyList<RouteSpec> routes, JsonObject parameters, JsonObject conditions, JsonObject resources)
    {
        var prefix = function.ResourcePrefix;
        if (function.Scales)
        {
            WriteScaling(function, prefix, parameters, conditions);
        }

        Add(resources, function.LogicalId, Function(function, codeUri, routes));
        Add(resources, prefix + "LogGroup", new JsonObject
        {
            ["Type"] = "AWS::Logs::LogGroup",
            // The stack's log group replaces the one Lambda would create unmanaged, and goes with the stack.
            ["DeletionPolicy"] = "Delete",
            ["Properties"] = new JsonObject
            {
                ["LogGroupName"] = Sub($"/aws/lambda/gymcoach-${{Stage}}-{function.Name}"),
                ["RetentionInDays"] = Ref("LogRetentionDays"),
            },
        });

        if (function.Kind == FunctionKind.StreamConsumer)
        {
            Add(resources, FailureQueue(function), new JsonObject
            {
                ["Type"] = "AWS::SQS::Queue",
                ["Properties"] = new JsonObject
                {
                    ["QueueName"] = StageName(function.Name + "-failures"),
                    ["MessageRetentionPeriod"] = 1209600,
                    ["SqsManagedSseEnabled"] = true,
                },
            });
        }

        if (function.CustomResource is { } custom)
        {
            Add(resources, custom.LogicalId, new JsonObject
            {
                ["Type"] = custom.ResourceType,
                ["Metadata"] = new JsonObject { [Generated.ContentVersionOf] = Strings(custom.ContentPaths) },
                ["Properties"] = new JsonObject { ["ServiceToken"] = GetAtt(function.LogicalId, "Arn") },
            });
        }

        foreach (var (name, alarm) in Alarms.For(function))
        {
            Add(resources, name, alarm);
        }
    }

    /// <summary>The failure queue of a stream consumer: where its mappings send the records they gave up on.</summary>
    public static string FailureQueue(FunctionDeclaration function) => function.ResourcePrefix + "FailureQueue";

    private static void WriteScaling(FunctionDeclaration function, string prefix, JsonObject parameters, JsonObject conditions)
    {
        Add(parameters, prefix + "MemorySize", new JsonObject
        {
            ["Type"] = "Number",
            ["Default"] = function.MemoryMb,
            ["MinValue"] = 128,
            ["MaxValue"] = 10240,
            ["Description"] = $"Memory (MB) of {function.LogicalId}; Lambda gives CPU in proportion (1,769 MB = one vCPU).",
        });
        Add(parameters, prefix + "ReservedConcurrency", new JsonObject
        {
            ["Type"] = "Number",
            ["Default"] = function.ReservedConcurrency,
            ["MinValue"] = 1,
            ["Description"] = $"Reserved concurrency of {function.LogicalId}: its ceiling, and what it keeps from the account's pool." + (function.ConcurrencyNote is { } note ? " " + note : ""),
        });
        Add(parameters, prefix + "ProvisionedConcurrency", new JsonObject
        {
            ["Type"] = "Number",
            ["Default"] = 0,
            ["MinValue"] = 0,
            ["Description"] = $"Provisioned concurrency on {function.LogicalId}'s 'live' alias; 0 = none (Lambda refuses 0 as a value, so 0 leaves the setting out).",
        });
        Add(conditions, prefix + "HasProvisionedConcurrency", new JsonObject
        {
            ["Fn::Not"] = new JsonArray(new JsonObject { ["Fn::Equals"] = new JsonArray(Ref(prefix + "ProvisionedConcurrency"), 0) }),
        });
    }

    private static JsonObject Function(FunctionDeclaration function, string codeUri, IReadOnlyList<RouteSpec> routes)
    {
        var prefix = function.ResourcePrefix;
        var properties = new JsonObject
        {
            ["FunctionName"] = StageName(function.Name),
            ["Description"] = function.Description,
            ["CodeUri"] = codeUri,
            ["Handler"] = function.Handler,
        };
        if (function.Scales)
        {
            properties["MemorySize"] = Ref(prefix + "MemorySize");
            properties["ReservedConcurrentExecutions"] = Ref(prefix + "ReservedConcurrency");
            properties["AutoPublishAlias"] = "live";
            properties["ProvisionedConcurrencyConfig"] = new JsonObject
            {
                ["Fn::If"] = new JsonArray(
                    prefix + "HasProvisionedConcurrency",
                    new JsonObject { ["ProvisionedConcurrentExecutions"] = Ref(prefix + "ProvisionedConcurrency") },
                    Ref("AWS::NoValue")),
            };
        }

        properties["LoggingConfig"] = new JsonObject { ["LogGroup"] = Ref(prefix + "LogGroup") };
        if (function.TimeoutSeconds != FunctionDeclaration.DefaultTimeoutSeconds)
        {
            properties["Timeout"] = function.TimeoutSeconds;
        }

        properties["Environment"] = new JsonObject { ["Variables"] = Environment(function) };
        properties["Policies"] = PolicyWriter.Policies(function.Grants);
        var events = Events(function, routes);
        if (events.Count > 0)
        {
            properties["Events"] = events;
        }

        var resource = new JsonObject { ["Type"] = "AWS::Serverless::Function" };
        if (function.DependsOn.Count == 1)
        {
            resource["DependsOn"] = function.DependsOn[0];
        }
        else if (function.DependsOn.Count > 1)
        {
            resource["DependsOn"] = Strings(function.DependsOn);
        }

        resource["Properties"] = properties;
        return resource;
    }

    private static JsonObject Environment(FunctionDeclaration function)
    {
        var variables = new JsonObject { ["SERVICE_NAME"] = function.ServiceName ?? function.Name };
        if (function.TimeoutSeconds != FunctionDeclaration.DefaultTimeoutSeconds)
        {
            // The runtime sizes leases and deadlines from it; the Globals value is the default timeout's.
            variables[Lambda.Runtime.FunctionTimeout.Variable] = function.TimeoutSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (function.DeadlineMarginMs is { } margin)
        {
            variables[Lambda.Runtime.DeadlineBudget.MarginVariable] = margin.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in function.Environment)
        {
            variables[name] = value.Reference is { } reference ? Ref(reference) : value.Literal;
        }

        return variables;
    }

    private static JsonObject Events(FunctionDeclaration function, IReadOnlyList<RouteSpec> routes)
    {
        var events = new JsonObject();
        if (function.Kind == FunctionKind.Api)
        {
            foreach (var route in routes)
            {
                var eventProperties = new JsonObject
                {
                    ["ApiId"] = Ref("HttpApi"),
                    ["Method"] = route.Method,
                    ["Path"] = route.Path,
                };
                if (route.Anonymous)
                {
                    // The API's default is the JWT authorizer; a public route must opt out, or API Gateway answers 401.
                    eventProperties["Auth"] = new JsonObject { ["Authorizer"] = "NONE" };
                }

                Add(events, route.Name, new JsonObject { ["Type"] = "HttpApi", ["Properties"] = eventProperties });
            }
        }

        if (function.Kind == FunctionKind.StreamConsumer && function.Streams.Count == 0)
        {
            throw new InvalidOperationException($"{function.LogicalId} is a stream consumer with no stream mapping.");
        }

        foreach (var subscription in function.Streams)
        {
            Add(events, subscription.Name, StreamMappingWriter.Event(subscription, FailureQueue(function)));
        }

        return events;
    }

    /// <summary>Adds a named entry, refusing a second one: two declarations naming one resource is a build error, not a silent overwrite.</summary>
    public static void Add(JsonObject section, string name, JsonNode value)
    {
        if (section.ContainsKey(name))
        {
            throw new InvalidOperationException($"The template would get '{name}' twice: two declarations (or a declaration and the shared resources) name it.");
        }

        section[name] = value;
    }
}
