using System.Text.Json;
using GymCoach.Data.Caching;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Http;
using GymCoach.LocalInfra;

namespace GymCoach.Profiles.Tests;

/// <summary>The threat model (<c>docs/security.md</c>) states figures the code and template enforce; these keep them equal.</summary>
public sealed class SecurityDocTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "security.md"));

    private static readonly JsonElement Template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "serverless.template"))).RootElement;

    [Fact]
    public void ThreatModel_Limits_MatchTheCode()
    {
        Assert.Contains($"| request body | {HttpRequestContext.MaxBodyBytes / 1024} KiB", Document, StringComparison.Ordinal);
        Assert.Contains($"{GymCoach.Profiles.Domain.PhotoRules.MaxSizeBytes:N0} bytes", Document, StringComparison.Ordinal);
        Assert.Contains($"`limit` 1–{QueryParameters.MaxLimit}", Document, StringComparison.Ordinal);
        Assert.Contains($"| profile cache | {CacheSettings.Profile.TimeToLive.TotalSeconds:F0} s", Document, StringComparison.Ordinal);
        var limits = GymCoach.Data.Limits.RateLimits.Default;
        Assert.Contains($"| per account, reads (GET) | {limits.Reads.Requests} in every {limits.Reads.Window.TotalSeconds:F0} s window", Document, StringComparison.Ordinal);
        Assert.Contains($"| per account, writes (everything else) | {limits.Writes.Requests} in every {limits.Writes.Window.TotalSeconds:F0} s window", Document, StringComparison.Ordinal);
        Assert.Contains($"settle period ({new GymCoach.Profiles.Jobs.JobSettings().Settle.TotalSeconds:F0} s", Document, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreatModel_StageThrottle_IsTheTemplateDefault()
    {
        var parameters = Template.GetProperty("Parameters");
        var rate = parameters.GetProperty("ApiThrottlingRateLimit").GetProperty("Default").GetInt32();
        var burst = parameters.GetProperty("ApiThrottlingBurstLimit").GetProperty("Default").GetInt32();

        Assert.Contains($"{rate} requests/s, burst {burst}", Document, StringComparison.Ordinal);
        var limits = GymCoach.Data.Limits.RateLimits.Default;
        Assert.Equal(limits.Reads.Requests, parameters.GetProperty("AccountReadsPer10s").GetProperty("Default").GetInt32());
        Assert.Equal(limits.Writes.Requests, parameters.GetProperty("AccountWritesPer10s").GetProperty("Default").GetInt32());
    }

    [Fact]
    public void ThreatModel_CollectionCaps_MatchTheRepositories()
    {
        Assert.Contains($"| custom exercises | {CollectionCaps.CustomExercises.Max} ", Document, StringComparison.Ordinal);
        Assert.Contains($"| plans | {CollectionCaps.Plans.Max} ", Document, StringComparison.Ordinal);
        Assert.Contains($"| scheduled workouts on one day | {CollectionCaps.ScheduledPerDay.Max} ", Document, StringComparison.Ordinal);
        Assert.Contains($"| measurements on one day | {CollectionCaps.MeasurementsPerDay.Max} ", Document, StringComparison.Ordinal);
        Assert.Contains($"| scheduled workouts in all | {CollectionCaps.ScheduledTotal.Max} ", Document, StringComparison.Ordinal);
        Assert.Contains($"| measurements in all | {CollectionCaps.MeasurementsTotal.Max} ", Document, StringComparison.Ordinal);
        Assert.Contains($"| photos | {CollectionCaps.Photos.Max}, and {CollectionCaps.Photos.MaxBytes / (1024 * 1024)} MiB in all ", Document, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreatModel_JobPolicies_MatchTheCode()
    {
        foreach (var policy in new[] { GymCoach.Data.Jobs.JobPolicy.Recompute, GymCoach.Data.Jobs.JobPolicy.Export })
        {
            Assert.Contains($"| {policy.What} | {policy.Cooldown.TotalMinutes:F0} min | {policy.PerDay} | {policy.Stale.TotalMinutes:F0} min |", Document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ThreatModel_AccessLogFields_AreTheTemplateFormat()
    {
        var format = Template.GetProperty("Resources").GetProperty("HttpApi").GetProperty("Properties").GetProperty("AccessLogSettings").GetProperty("Format").GetString()!;
        var fields = JsonDocument.Parse(format.Replace("$context.", string.Empty, StringComparison.Ordinal)).RootElement.EnumerateObject().Select(p => p.Name).ToList();

        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.Contains($"`{field}`", Document, StringComparison.Ordinal));
    }

    [Fact]
    public void ThreatModel_SettlePeriod_OutlastsTheStreamFunctionItLeavesOutsideTheFence()
    {
        var timeout = Template.GetProperty("Resources").GetProperty("AnalyticsStreamFunction").GetProperty("Properties").GetProperty("Timeout").GetInt32();

        var settle = Template.GetProperty("Resources").GetProperty("ProfilesJobsFunction").GetProperty("Properties").GetProperty("Environment").GetProperty("Variables").GetProperty(GymCoach.Profiles.Jobs.JobSettings.SettleVariable).GetString();
        Assert.Equal(new GymCoach.Profiles.Jobs.JobSettings().Settle.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), settle); // the template sets what the code defaults to
        Assert.True(new GymCoach.Profiles.Jobs.JobSettings().Settle > TimeSpan.FromSeconds(timeout));
        Assert.Contains($"Analytics stream function's {timeout} s timeout", Document, StringComparison.Ordinal);
    }
}
