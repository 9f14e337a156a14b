namespace GymCoach.Lambda.Http;

/// <summary>
/// Which JWT subjects may own data. The subject becomes part of every key the caller touches
/// (<c>USER#{sub}</c>), so it must not be able to form another key's shape (<c>#</c>, <c>/</c>), smuggle
/// control characters into logs, or push a key past DynamoDB's 2 KB partition-key limit. Cognito subjects
/// are UUIDs; federated ones look like <c>Google_1234</c> or <c>auth0|abc</c>: all fit.
/// </summary>
public static class SubjectRules
{
    public const int MaxLength = 128;

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.@|:+=");

    // Checked on every request: a vectorised scan, not a loop over characters.
    public static bool IsAcceptable(string? subject) =>
        !string.IsNullOrEmpty(subject) && subject.Length <= MaxLength && !subject.AsSpan().ContainsAnyExcept(Allowed);
}
