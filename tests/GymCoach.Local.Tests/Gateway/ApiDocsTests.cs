using System.Net;
using System.Text.Json;

namespace GymCoach.Local.Tests.Gateway;

/// <summary>The local stack's API document and its Swagger UI page, opened in a real headless browser.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class ApiDocsTests(LocalStackFixture local)
{
    [Fact]
    public async Task OpenApiJson_IsTheGeneratedDocumentWithEveryDeclaredRoute()
    {
        using var response = await local.Http.GetAsync("/openapi.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3.1.0", document.RootElement.GetProperty("openapi").GetString());
        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal("PutProfile", paths.GetProperty("/profiles/me").GetProperty("put").GetProperty("operationId").GetString());
        Assert.Equal("#/components/schemas/ProfileInput", paths.GetProperty("/profiles/me").GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task DocsPage_IsServedWithEveryAssetLocalAndUncached()
    {
        using var page = await local.Http.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal); // every asset is served locally: no CDN
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
    }

    [SkippableFact]
    public async Task DocsPage_InHeadlessChromium_RendersEveryOperationFromTheLocalAssets()
    {
        var browser = HeadlessChromium.Require();

        var dom = await HeadlessChromium.DumpDomAsync(browser, local.Stack.BaseUrl + "/docs");

        Assert.Contains("GymCoach API", dom, StringComparison.Ordinal);
        foreach (var operation in new[] { "PutProfile", "GetProfile", "AddMeasurement", "ListMeasurements" })
        {
            Assert.Contains($"operations-profiles-{operation}", dom, StringComparison.Ordinal); // each operation drawn by Swagger UI
        }

        Assert.Contains("authorize locked", dom, StringComparison.Ordinal); // pre-authorised with the dev token
    }

    [Fact]
    public async Task DocsPage_ForAnotherHostName_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/docs");
        request.Headers.Host = "attacker.example";

        using var response = await local.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
