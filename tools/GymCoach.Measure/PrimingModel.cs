using System.Diagnostics;
using System.Globalization;
using System.Text;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// Where a bootstrap's first-call costs land under Lambda's CPU model, with DynamoDB behind TLS as on AWS
/// (stunnel terminating TLS in front of DynamoDB Local; the bootstrap trusts its throwaway certificate through
/// <c>SSL_CERT_FILE</c>). For each run: Init (spawn → first /next, unthrottled, as Lambda's init phase is
/// reported to run) and the first invoke (event → response), either unthrottled or with the process moved,
/// once its init is done, into a cgroup holding it to memory/1,769 of one core (Lambda's CPU share for the
/// given memory). Usage: priming &lt;bootstrap&gt;[,&lt;bootstrap&gt;…] [runs=10] [memoryMb=128]
/// </summary>
internal static class PrimingModel
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: GymCoach.Measure priming <bootstrap>[,<bootstrap>...] [runs] [memoryMb]");
            return 2;
        }

        var bootstraps = args[0].Split(',').Select(Path.GetFullPath).ToList();
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var memory = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 128;
        var cgroup = CpuCgroup.TryCreate("gymcoach-priming", memory);
        if (cgroup is null)
        {
            Console.Error.WriteLine("No writable cpu cgroup (/sys/fs/cgroup/cpu): the throttled model cannot run here.");
            return 1;
        }

        await using var dynamo = await DynamoDbLocal.StartAsync();
        using var client = dynamo.CreateClient();
        const string table = "gymcoach-priming";
        await TableProvisioner.CreateAsync(client, TemplateModel.Load().Tables.Single(), table);
        await using var tls = await TlsProxy.StartAsync(new Uri(dynamo.Endpoint).Port);
        var payload = Encoding.UTF8.GetBytes("""
            {"version":"2.0","routeKey":"$default","rawPath":"/profiles/me","rawQueryString":"","headers":{"accept":"application/json"},
             "requestContext":{"http":{"method":"GET","path":"/profiles/me","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"priming"},
             "requestId":"pm","authorizer":{"jwt":{"claims":{"sub":"priming-user"}}},"timeEpoch":0},"isBase64Encoded":false}
            """);

        Console.WriteLine($"DynamoDB over TLS at {tls.Endpoint}; throttled model: {memory} MB → {cgroup.QuotaMicroseconds} µs of CPU per {CpuCgroup.PeriodMicroseconds} µs");
        foreach (var throttled in new[] { false, true })
        {
            foreach (var bootstrap in bootstraps)
            {
                var init = new List<double>();
                var first = new List<double>();
                for (var i = -1; i < runs; i++)
                {
                    await using var runtimeApi = await RuntimeApiServer.StartAsync();
                    var environment = FunctionEnvironment.Local(runtimeApi.Address, tls.Endpoint, table);
                    environment["SSL_CERT_FILE"] = tls.CertificateFile;
                    environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = memory.ToString(CultureInfo.InvariantCulture);
                    var clock = Stopwatch.StartNew();
                    await using var process = ChildProcess.Start("bootstrap", bootstrap, [], environment: environment);
                    await runtimeApi.FirstPoll.WaitAsync(TimeSpan.FromSeconds(60));
                    var initMs = clock.Elapsed.TotalMilliseconds;
                    if (throttled)
                    {
                        // The program, not the watchdog shell ChildProcess runs it under (process.Id).
                        cgroup.Add(process.ProgramPid ?? throw new InvalidOperationException("the bootstrap is not running"));
                    }

                    clock.Restart();
                    var result = await runtimeApi.InvokeAsync(payload, TimeSpan.FromSeconds(60));
                    var firstMs = clock.Elapsed.TotalMilliseconds;
                    if (result.Outcome != InvocationOutcome.Response || !Encoding.UTF8.GetString(result.Body).Contains("\"statusCode\":404", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"{bootstrap} run {i + 1}: {result.Outcome} {Encoding.UTF8.GetString(result.Body)}\n{process.Output}");
                        return 1;
                    }

                    if (i >= 0)
                    {
                        init.Add(initMs);
                        first.Add(firstMs);
                    }
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(throttled ? $"{memory} MB" : "unthrottled"),-12} {bootstrap}: init median {Stats.Median(init):F1} ms (p90 {Stats.Percentile(init, 0.9):F1}); first invoke median {Stats.Median(first):F1} ms (p90 {Stats.Percentile(first, 0.9):F1}) over {runs} runs"));
            }
        }

        return 0;
    }
}
