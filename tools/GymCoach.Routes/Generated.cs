using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GymCoach.Lambda.Http;

namespace GymCoach.Routes;

/// <summary>The files the route declarations imply, as their text: the template with its HttpApi events regenerated, and the OpenAPI document.</summary>
public static class Generated
{
    public const string ApiTitle = "GymCoach API";
    public const string ApiVersion = "1.0.0";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <paramref name="template"/> with each service function's <c>HttpApi</c> events replaced by one event per
    /// declared route (named after the route), in declaration order; every other event and property kept.
    /// </summary>
    public static string Template(string template, IReadOnlyList<IServiceDescription> services, string? repoRoot = null)
    {
        var root = JsonNode.Parse(template)!.AsObject();
        var resources = root["Resources"]!.AsObject();
        foreach (var service in services)
        {
            var function = resources[service.FunctionLogicalId]?.AsObject()
                ?? throw new InvalidOperationException($"serverless.template has no resource '{service.FunctionLogicalId}' for {service.GetType().Name}: add its function first.");
            var properties = function["Properties"]!.AsObject();
            var events = new JsonObject();
            foreach (var route in service.DescribeRoutes().Specs)
            {
                var eventProperties = new JsonObject
                {
                    ["ApiId"] = new JsonObject { ["Ref"] = "HttpApi" },
                    ["Method"] = route.Method,
                    ["Path"] = route.Path,
                };
                if (route.Anonymous)
                {
                    // The API's default is the JWT authorizer; a public route must opt out, or API Gateway answers 401.
                    eventProperties["Auth"] = new JsonObject { ["Authorizer"] = "NONE" };
                }

                events[route.Name] = new JsonObject { ["Type"] = "HttpApi", ["Properties"] = eventProperties };
            }

            if (properties["Events"] is JsonObject existing)
            {
                foreach (var (name, value) in existing.ToList())
                {
                    if (value?["Type"]?.GetValue<string>() != "HttpApi")
                    {
                        existing.Remove(name);
                        events[name] = value;
                    }
                }
            }

            properties["Events"] = events;
        }

        StampContentVersions(resources, repoRoot);
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>Metadata naming the file whose content a resource deploys (the exercise library for its seeder).</summary>
    public const string ContentVersionOf = "GymCoach::ContentVersionOf";

    /// <summary>
    /// Sets <c>Properties.ContentVersion</c> of every resource whose metadata names a file to that file's SHA-256:
    /// CloudFormation only runs a custom resource again when its properties change, so a changed library file
    /// must change the template.
    /// </summary>
    private static void StampContentVersions(JsonObject resources, string? repoRoot)
    {
        foreach (var (_, resource) in resources)
        {
            if (resource?["Metadata"]?[ContentVersionOf] is not { } named || repoRoot is null)
            {
                continue;
            }

            // A file, or a list of files and folders (the data and the code that writes it: a changed mapper must reseed too).
            var paths = named is JsonArray list ? list.Select(p => p!.GetValue<string>()) : [named.GetValue<string>()];
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (var path in paths)
            {
                var full = Path.Combine(repoRoot, path);
                var files = Directory.Exists(full)
                    ? Directory.GetFiles(full, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                    : (IEnumerable<string>)[full];
                foreach (var file in files)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repoRoot, file).Replace('\\', '/')));
                    hash.AppendData(File.ReadAllBytes(file));
                }
            }

            resource["Properties"]!["ContentVersion"] = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        }
    }

    /// <summary>The OpenAPI 3.1 document of every service's routes; route names (operation ids) must be unique across the API.</summary>
    public static string OpenApi(IReadOnlyList<IServiceDescription> services)
    {
        var duplicate = services.SelectMany(s => s.DescribeRoutes().Specs).GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Route name '{duplicate.Key}' is declared by more than one route: {string.Join(", ", duplicate.Select(r => r.RouteKey))}.");
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            OpenApiWriter.Write(writer, ApiTitle, ApiVersion, services.SelectMany(s => s.DescribeRoutes().Specs));
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
