using System.Text.Json;
using GymCoach.LocalInfra;

namespace GymCoach.Profiles.Tests;

/// <summary>
/// The media bucket as the code relies on it. s3rver applies none of it (no lifecycle, CORS or encryption), so
/// the tags and prefixes the code writes are checked against the rules here: a renamed tag would otherwise leave
/// exports and abandoned uploads forever, and nothing locally would notice.
/// </summary>
public sealed class BucketTemplateTests
{
    private static readonly JsonElement Bucket = TemplateModel.Load().Root.GetProperty("Resources").GetProperty("MediaBucket").GetProperty("Properties");

    [Fact]
    public void MediaBucket_IsPrivateAndEncrypted()
    {
        var block = Bucket.GetProperty("PublicAccessBlockConfiguration");
        Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }, p => Assert.True(block.GetProperty(p).GetBoolean(), p));
        Assert.Equal("BucketOwnerEnforced", Bucket.GetProperty("OwnershipControls").GetProperty("Rules")[0].GetProperty("ObjectOwnership").GetString());
        Assert.NotEmpty(Bucket.GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration").EnumerateArray());
    }

    [Fact]
    public void MediaBucket_Policy_RefusesEveryRequestNotOverTls()
    {
        var policy = TemplateModel.Load().Root.GetProperty("Resources").EnumerateObject()
            .Select(r => r.Value)
            .Single(r => r.GetProperty("Type").GetString() == "AWS::S3::BucketPolicy" && r.GetProperty("Properties").GetProperty("Bucket").GetProperty("Ref").GetString() == "MediaBucket")
            .GetProperty("Properties").GetProperty("PolicyDocument");

        var deny = Assert.Single(policy.GetProperty("Statement").EnumerateArray(), s => s.GetProperty("Effect").GetString() == "Deny");
        Assert.Equal("*", deny.GetProperty("Principal").GetString());
        Assert.Equal("s3:*", deny.GetProperty("Action").GetString());
        Assert.Equal("false", deny.GetProperty("Condition").GetProperty("Bool").GetProperty("aws:SecureTransport").GetString());
        var resources = deny.GetProperty("Resource").EnumerateArray().Select(r => r.GetRawText()).ToList();
        Assert.Contains(resources, r => r.Contains("\"MediaBucket\"", StringComparison.Ordinal) && r.Contains("Fn::GetAtt", StringComparison.Ordinal)); // the bucket
        Assert.Contains(resources, r => r.Contains("${MediaBucket.Arn}/*", StringComparison.Ordinal)); // and every object in it
    }

    [Fact]
    public void MediaBucket_LifecycleRules_MatchTheTagsAndPrefixTheCodeWrites()
    {
        var rules = Bucket.GetProperty("LifecycleConfiguration").GetProperty("Rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.Equal("Enabled", r.GetProperty("Status").GetString()));

        int ExpiryByTag(string key, string value) => rules.Single(r => r.TryGetProperty("TagFilters", out var tags)
            && tags.EnumerateArray().Any(t => t.GetProperty("Key").GetString() == key && t.GetProperty("Value").GetString() == value)).GetProperty("ExpirationInDays").GetInt32();

        Assert.Equal(7, ExpiryByTag(Profiles.Jobs.ExportWorker.KindTag, "export"));
        Assert.Equal((int)Profiles.Domain.ExportJob.Retention.TotalDays, ExpiryByTag(Profiles.Jobs.ExportWorker.KindTag, "export"));
        Assert.True(ExpiryByTag(Profiles.Data.PhotoObjects.StateTag, Profiles.Domain.Photo.Pending) > (Profiles.Domain.PhotoRules.UploadLifetime + Profiles.Domain.PhotoRules.PendingRetention).TotalDays);
        var multipart = rules.Single(r => r.TryGetProperty("AbortIncompleteMultipartUpload", out _));
        Assert.Equal(Storage.ObjectKeys.UsersPrefix, multipart.GetProperty("Prefix").GetString());
    }

    [Fact]
    public void MediaBucket_Cors_AllowsTheAppsUploadWithItsSignedHeaders()
    {
        var rule = Assert.Single(Bucket.GetProperty("CorsConfiguration").GetProperty("CorsRules").EnumerateArray());
        Assert.Equal(["PUT", "GET"], rule.GetProperty("AllowedMethods").EnumerateArray().Select(m => m.GetString()));
        var allowed = rule.GetProperty("AllowedHeaders").EnumerateArray().Select(h => h.GetString()).ToList();

        // What an upload sends besides the headers browsers set themselves (content-length) and CORS-safelisted ones.
        Assert.Contains("content-type", allowed);
        Assert.Contains(Storage.Presigner.TaggingHeader, allowed);
        Assert.Contains("if-none-match", allowed);
        Assert.Equal("CorsAllowedOrigins", rule.GetProperty("AllowedOrigins").GetProperty("Ref").GetString());
    }
}
