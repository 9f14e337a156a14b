using System.Net;
using System.Text;
using System.Text.Json;
using GymCoach.Local.Emulation;
using GymCoach.LocalInfra;

namespace GymCoach.Local;

/// <summary>
/// Plays CloudFormation for the template's custom resources at start-up: each <c>Custom::*</c> resource whose
/// ServiceToken is one of the template's functions gets a Create request, with a local endpoint standing in for
/// the pre-signed ResponseURL, and the stack waits for its answer as CloudFormation would (a FAILED answer, or
/// none before the function's timeout, stops the start-up). This is how the local stack seeds the exercise
/// library: by running the very resource a deploy runs.
/// </summary>
public static class CustomResourceEmulator
{
    public static async Task RunAsync(TemplateModel template, TemplateResolver resolver, IReadOnlyDictionary<string, FunctionPool> pools, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var resource in template.Root.GetProperty("Resources").EnumerateObject())
        {
            var type = resource.Value.GetProperty("Type").GetString()!;
            if (!type.StartsWith("Custom::", StringComparison.Ordinal) && type != "AWS::CloudFormation::CustomResource")
            {
                continue;
            }

            var properties = resource.Value.GetProperty("Properties");
            var token = properties.GetProperty("ServiceToken");
            var function = token.TryGetProperty("Fn::GetAtt", out var getAtt) ? getAtt[0].GetString()! : null;
            if (function is null || !pools.TryGetValue(function, out var pool))
            {
                log($"[custom] {resource.Name}: its ServiceToken is not a function of this template; skipped");
                continue;
            }

            await CreateAsync(resource.Name, type, function, properties, resolver, pool, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CreateAsync(string logicalId, string type, string function, JsonElement properties, TemplateResolver resolver, FunctionPool pool, Action<string> log, CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        var port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requestId = Guid.NewGuid().ToString();
        var answer = ReceiveAsync(listener, cancellationToken);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("RequestType", "Create");
            writer.WriteString("ServiceToken", $"arn:aws:lambda:{DynamoDbLocal.Region}:000000000000:function:{function}");
            writer.WriteString("ResponseURL", $"http://127.0.0.1:{port}/{requestId}");
            writer.WriteString("StackId", $"arn:aws:cloudformation:{DynamoDbLocal.Region}:000000000000:stack/gymcoach-local/local");
            writer.WriteString("RequestId", requestId);
            writer.WriteString("ResourceType", type);
            writer.WriteString("LogicalResourceId", logicalId);
            writer.WriteStartObject("ResourceProperties");
            foreach (var property in properties.EnumerateObject())
            {
                writer.WriteString(property.Name, resolver.Resolve(property.Value) ?? property.Value.GetRawText());
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        log($"[custom] {logicalId}: Create → {function}…");
        var outcome = await pool.InvokeAsync(stream.ToArray()).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (outcome.Status != InvokeStatus.Success)
        {
            _ = answer.ContinueWith(t => t.Exception, TaskScheduler.Default); // never answered: observe, do not leak
            throw new InvalidOperationException($"{logicalId}: {function} did not run ({outcome.Status}): {Encoding.UTF8.GetString(outcome.Payload)}");
        }

        var body = await answer.WaitAsync(pool.Spec.Timeout + TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var status = document.RootElement.GetProperty("Status").GetString();
        var reason = document.RootElement.TryGetProperty("Reason", out var r) ? r.GetString() : null;
        if (status != "SUCCESS")
        {
            throw new InvalidOperationException($"{logicalId} failed: {reason}");
        }

        log($"[custom] {logicalId}: {status} — {reason}");
    }

    private static async Task<string> ReceiveAsync(HttpListener listener, CancellationToken cancellationToken)
    {
        var context = await listener.GetContextAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        context.Response.Close();
        return body;
    }
}
