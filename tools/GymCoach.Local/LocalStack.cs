using System.Diagnostics;
using GymCoach.Local.Emulation;
using GymCoach.Local.Gateway;
using GymCoach.LocalInfra;
using GymCoach.LocalInfra.Streams;

namespace GymCoach.Local;

/// <summary>
/// The whole backend on one machine, driven by serverless.template: DynamoDB Local and s3rver with the
/// template's table and buckets, every function built and run under the Lambda emulator, and the HTTP API
/// gateway in front. Disposing it stops everything it started.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    /// <summary>Init limit of a JIT build's instance (see <see cref="FunctionSpec.InitLimit"/>).</summary>
    public static readonly TimeSpan JitInitLimit = TimeSpan.FromSeconds(30);

    private readonly List<IAsyncDisposable> _owned = [];

    private LocalStack()
    {
    }

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public LocalTokens Tokens { get; private set; } = null!;

    public DynamoDbLocal Dynamo { get; private set; } = null!;

    public S3rverServer S3 { get; private set; } = null!;

    public string TableName { get; private set; } = null!;

    public IReadOnlyDictionary<string, FunctionPool> Functions { get; private set; } = null!;

    public TimeSpan StartupTime { get; private set; }

    /// <summary>The emulated event source mappings, by "function/event" (the template's DynamoDB stream events).</summary>
    public IReadOnlyDictionary<string, EventSourceMapping> StreamMappings { get; private set; } = new Dictionary<string, EventSourceMapping>();

    /// <summary>Where failure destinations receive batches that kept failing (a directory per destination's logical id).</summary>
    public string DestinationsDirectory { get; private set; } = null!;

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var stack = new LocalStack();
        try
        {
            await stack.StartCoreAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        stack.StartupTime = clock.Elapsed;
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await _owned[i].DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or IOException)
            {
                // keep stopping the rest
            }
        }

        _owned.Clear();
    }

    private async Task StartCoreAsync(LocalStackOptions options, CancellationToken cancellationToken)
    {
        var log = options.Log;
        var template = TemplateModel.Load(options.TemplatePath);
        var templateDirectory = Path.GetDirectoryName(Path.GetFullPath(options.TemplatePath))!;
        Directory.CreateDirectory(options.StateDirectory);
        Tokens = LocalTokens.LoadOrCreate(Path.Combine(options.StateDirectory, "jwt-signing-key.pem"));
        var resolver = new TemplateResolver(template, new Dictionary<string, string>
        {
            ["Stage"] = "local",
            ["JwtIssuer"] = LocalTokens.Issuer,
            ["JwtAudience"] = LocalTokens.Audience,
            ["CorsAllowedOrigins"] = "http://localhost:3000,http://127.0.0.1:3000,http://localhost:8081",
        });

        await NpmServers.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);

        // Servers start while the functions build: the builds dominate start-up.
        var dynamoTask = DynamoDbLocal.StartAsync(dataDirectory: options.InMemory ? null : Path.Combine(options.StateDirectory, "dynamodb"), cancellationToken: cancellationToken);
        var s3Task = S3rverServer.StartAsync(
            options.InMemory ? Path.Combine(Path.GetTempPath(), "gymcoach-s3-" + Guid.NewGuid().ToString("N")[..8]) : Path.Combine(options.StateDirectory, "s3"),
            template.Buckets.Select(resolver.BucketName),
            cancellationToken: cancellationToken);

        var executables = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            // One build per project: functions that share a CodeUri (an HTTP API and a stream consumer in one
            // executable, chosen by _HANDLER) share its bootstrap.
            var built = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var function in template.Functions)
            {
                var project = Path.GetFullPath(Path.Combine(templateDirectory, function.CodeUri));
                if (!built.TryGetValue(project, out var executable))
                {
                    built[project] = executable = await FunctionBuilder.BuildAsync(function, templateDirectory, options.StateDirectory, options.Jit, log, cancellationToken, options.Jit && options.NoBuild).ConfigureAwait(false);
                }
                else
                {
                    log($"[build] {function.LogicalId}: shares {Path.GetFileName(project.TrimEnd(Path.DirectorySeparatorChar))}'s bootstrap (handler {function.Handler})");
                }

                executables[function.LogicalId] = executable;
            }
        }
        finally
        {
            // Own the servers even when a build fails, so they are stopped.
            await OwnWhenStartedAsync(dynamoTask).ConfigureAwait(false);
            await OwnWhenStartedAsync(s3Task).ConfigureAwait(false);
        }

        Dynamo = await dynamoTask.ConfigureAwait(false);
        S3 = await s3Task.ConfigureAwait(false);
        log($"[dynamodb] DynamoDB Local on {Dynamo.Endpoint}{(options.InMemory ? " (in memory)" : string.Empty)}");
        log($"[s3] s3rver on {S3.Endpoint} (path-style)");

        using (var client = Dynamo.CreateClient())
        {
            foreach (var table in template.Tables)
            {
                TableName = resolver.TableName(table);
                await TableProvisioner.CreateAsync(client, table, TableName, cancellationToken).ConfigureAwait(false);
                log($"[dynamodb] table {TableName} ready");
            }
        }

        var pools = new Dictionary<string, FunctionPool>(StringComparer.Ordinal);
        var byRoute = new Dictionary<string, FunctionPool>(StringComparer.Ordinal);
        foreach (var function in template.Functions)
        {
            var spec = new FunctionSpec(
                function.LogicalId,
                executables[function.LogicalId],
                FunctionEnvironment(function, resolver),
                function.MemorySize,
                TimeSpan.FromSeconds(function.Timeout),
                function.ReservedConcurrentExecutions ?? options.DefaultConcurrency,
                function.Handler)
            {
                InitLimit = options.Jit ? JitInitLimit : FunctionInstance.InitLimit,
            };
            var pool = new FunctionPool(spec, log, options.IdleTimeout, options.MaxInstances);
            _owned.Add(pool);
            pools[function.LogicalId] = pool;
            foreach (var route in function.Routes)
            {
                byRoute[route.RouteKey] = pool;
            }
        }

        Functions = pools;
        var api = template.Root.GetProperty("Resources").EnumerateObject().First(r => r.Value.GetProperty("Type").GetString() == "AWS::Serverless::HttpApi").Value.GetProperty("Properties");
        var jwt = api.GetProperty("Auth").GetProperty("Authorizers").EnumerateObject().First().Value.GetProperty("JwtConfiguration");
        var authorizer = new JwtAuthorizer(Tokens.Key, resolver.Resolve(jwt.GetProperty("issuer"))!, resolver.ResolveList(jwt.GetProperty("audience")).ToList());
        var cors = api.TryGetProperty("CorsConfiguration", out var corsConfig) ? CorsPolicy.FromTemplate(corsConfig, resolver.ResolveList) : null;
        // As a deploy would: the template's custom resources (the exercise library seed) run before the API takes requests.
        await CustomResourceEmulator.RunAsync(template, resolver, pools, log, cancellationToken).ConfigureAwait(false);
        await StartStreamMappingsAsync(template, pools, options, cancellationToken).ConfigureAwait(false);
        var gateway = await ApiGateway.StartAsync(options.Port, byRoute, authorizer, cors, log, ApiDocs.ForRepository(Tokens)).ConfigureAwait(false);
        _owned.Add(gateway);
        Port = gateway.Port;

        Dictionary<string, string> FunctionEnvironment(FunctionDefinition function, TemplateResolver r)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["AWS_REGION"] = DynamoDbLocal.Region,
                ["AWS_DEFAULT_REGION"] = DynamoDbLocal.Region,
                // s3rver's own key pair (DynamoDB Local takes any): presigned S3 URLs then verify locally too.
                ["AWS_ACCESS_KEY_ID"] = "S3RVER",
                ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
                ["AWS_ENDPOINT_URL_DYNAMODB"] = Dynamo.Endpoint,
                ["AWS_ENDPOINT_URL_S3"] = S3.Endpoint,
                ["AWS_LAMBDA_FUNCTION_NAME"] = function.LogicalId,
                ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
                ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AWS_LAMBDA_LOG_FORMAT"] = "Text",
                ["_HANDLER"] = function.Handler,
            };
            var globals = template.Root.TryGetProperty("Globals", out var g) && g.TryGetProperty("Function", out var gf) ? gf : default;
            foreach (var source in new[] { globals, function.Properties })
            {
                if (source.ValueKind == System.Text.Json.JsonValueKind.Object && source.TryGetProperty("LoggingConfig", out var logging))
                {
                    if (logging.TryGetProperty("LogFormat", out var format))
                    {
                        environment["AWS_LAMBDA_LOG_FORMAT"] = format.GetString()!;
                    }

                    if (logging.TryGetProperty("ApplicationLogLevel", out var level))
                    {
                        environment["AWS_LAMBDA_LOG_LEVEL"] = level.GetString()!;
                    }
                }
            }

            foreach (var (name, value) in function.Environment)
            {
                if (r.Resolve(value) is { } resolved)
                {
                    environment[name] = resolved;
                }
                else
                {
                    log($"[template] {function.LogicalId}: {name} cannot be resolved locally; left unset");
                }
            }

            return environment;
        }
    }

    /// <summary>
    /// One emulated event source mapping per DynamoDB stream event in the template: it reads DynamoDB Local's
    /// stream of the table and invokes the function's instances with the event's batch size, filter and
    /// retry/partial-failure rules, so writes through the API reach the stream consumers as on AWS.
    /// </summary>
    private async Task StartStreamMappingsAsync(TemplateModel template, Dictionary<string, FunctionPool> pools, LocalStackOptions options, CancellationToken cancellationToken)
    {
        DestinationsDirectory = Path.Combine(options.StateDirectory, "destinations");
        var mappings = new Dictionary<string, EventSourceMapping>(StringComparer.Ordinal);
        string? streamArn = null;
        foreach (var function in template.Functions)
        {
            if (!function.Properties.TryGetProperty("Events", out var events))
            {
                continue;
            }

            foreach (var e in events.EnumerateObject().Where(e => e.Value.GetProperty("Type").GetString() == "DynamoDB"))
            {
                if (streamArn is null)
                {
                    using var client = Dynamo.CreateClient();
                    streamArn = (await client.DescribeTableAsync(TableName, cancellationToken).ConfigureAwait(false)).Table.LatestStreamArn;
                }

                var source = StreamEventSource.FromTemplate(e.Name, e.Value.GetProperty("Properties"));
                var pool = pools[function.LogicalId];
                var mapping = new EventSourceMapping(
                    new StreamsApi(Dynamo.Endpoint, DynamoDbLocal.Region),
                    streamArn,
                    source,
                    async (payload, _) =>
                    {
                        // A throttled invoke is retried by the mapping without counting, as Lambda does.
                        while (true)
                        {
                            var outcome = await pool.InvokeAsync(payload).ConfigureAwait(false);
                            if (outcome.Status != InvokeStatus.Throttled)
                            {
                                return new StreamInvokeResult(outcome.Status != InvokeStatus.Success, outcome.Payload);
                            }

                            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                        }
                    },
                    DestinationsDirectory,
                    options.Log);
                mapping.Start();
                _owned.Add(mapping);
                mappings[$"{function.LogicalId}/{e.Name}"] = mapping;
                options.Log($"[stream] {function.LogicalId}/{e.Name}: batch size {source.BatchSize}, {source.MaximumRetryAttempts} retries, failures to {source.FailureDestination ?? "(nowhere)"}");
            }
        }

        StreamMappings = mappings;
    }

    private async Task OwnWhenStartedAsync<T>(Task<T> starting)
        where T : IAsyncDisposable
    {
        try
        {
            _owned.Add(await starting.ConfigureAwait(false));
        }
        catch (InvalidOperationException)
        {
            // reported by the awaiting caller
        }
    }
}
