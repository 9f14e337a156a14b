namespace GymCoach.Storage;

/// <summary>The media bucket's name, from <c>MEDIA_BUCKET</c> (the template sets it from the bucket resource).</summary>
public static class MediaBucket
{
    public const string Variable = "MEDIA_BUCKET";

    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } name ? name : throw new InvalidOperationException(Variable + " is not set.");
}
