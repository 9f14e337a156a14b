namespace GymCoach.Data.Caching;

/// <summary>
/// A cache key always carries the owner: two users can never share an entry, because the key that a request
/// builds from its own JWT subject cannot equal one built for another subject. Reference data that belongs
/// to nobody uses <see cref="Shared"/>.
/// </summary>
public readonly record struct CacheKey(string Owner, string Entity, string Id)
{
    public const string SharedOwner = "*shared*";

    public static CacheKey ForUser(string userId, string entity, string id = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new CacheKey(userId, entity, id);
    }

    public static CacheKey Shared(string entity, string id) => new(SharedOwner, entity, id);
}
