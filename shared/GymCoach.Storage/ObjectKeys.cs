namespace GymCoach.Storage;

/// <summary>
/// Every S3 key a service writes for a user is built here. Everything one user owns lives under
/// <c>users/{sub}/</c>, which is what lets account deletion remove "everything of theirs" with one prefix, and
/// IAM grant functions <c>users/*</c> rather than the whole bucket. Subjects never contain <c>/</c> (the
/// platform refuses them); the two that are dot segments are escaped so that no HTTP client can resolve
/// <c>users/../</c> into another place.
/// </summary>
public static class ObjectKeys
{
    public const string UsersPrefix = "users/";

    /// <summary>The prefix of everything <paramref name="userId"/> owns, ending in <c>/</c>.</summary>
    public static string User(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (userId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A subject cannot contain '/'.", nameof(userId));
        }

        // '%' is never part of a subject, so the escaped forms cannot collide with a real one.
        var segment = userId switch { "." => "%2E", ".." => "%2E%2E", _ => userId };
        return string.Concat(UsersPrefix, segment, "/");
    }

    /// <summary>A progress photo's object.</summary>
    public static string Photo(string userId, string photoId) => string.Concat(User(userId), "photos/", photoId);

    /// <summary>An export's single JSON document.</summary>
    public static string Export(string userId, string exportId) => string.Concat(User(userId), "exports/", exportId, ".json");
}
