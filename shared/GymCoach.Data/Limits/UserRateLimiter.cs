using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BitFaster.Caching.Lru;
using GymCoach.Lambda.Deployment;

namespace GymCoach.Data.Limits;

/// <summary>
/// Per-account request limits shared by every instance, at no DynamoDB cost for most requests. The account's
/// count for a window lives in one item (<see cref="Keys.RateLimits"/>); an instance takes a lease of part of the
/// window's allowance with one conditional <c>ADD</c> ("only if that leaves the count within the limit") and then
/// decides locally until the lease is spent. When the window is spent, the instance remembers that until the
/// window ends, so a caller hammering at the limit costs nothing more than its refusals.
/// </summary>
/// <remarks>
/// Leases grow: an instance's first lease of a window is one request, each next one twice the last, up to
/// <see cref="LeaseSize"/> (a tenth of the window). An account whose requests land on many instances, a few each,
/// so leases what it uses and no more; one that keeps an instance busy soon leases a tenth at a time. What an
/// instance leased and did not use is lost to the account until the window ends: at most the last lease of each
/// instance that served it. Costs: a conditional write for each lease (about one per tenth of the window's
/// allowance on a busy instance), one more when the window runs out, none for the refusals after it. A fixed
/// window (not a token bucket) because its state is one counter a single conditional <c>ADD</c> can move, with no
/// read first; a window's whole allowance may be spent at once, and the next starts afresh, so across a window's
/// edge up to twice the limit can pass within a short time. Local state is bounded: the allowances of at most
/// <see cref="TrackedAccounts"/> accounts (LRU).
/// </remarks>
public sealed class UserRateLimiter
{
    public const int TrackedAccounts = 10_000;

    /// <summary>What a function limited by it must be allowed: the conditional <c>ADD</c> on the rate-limit partitions, nothing else there.</summary>
    public static readonly Grant Permission = Grant.TableItems(["dynamodb:UpdateItem"], Keys.AnyRateLimitPartition);

    private readonly IAmazonDynamoDB _client;
    private readonly string _table;
    private readonly RateLimits _limits;
    private readonly TimeProvider _time;
    private readonly ConcurrentLru<(string UserId, bool Write), Allowance> _allowances = new(TrackedAccounts);

    public UserRateLimiter(IAmazonDynamoDB client, string table, RateLimits limits, TimeProvider time)
    {
        _client = client;
        _table = table;
        _limits = limits;
        _time = time;
    }

    /// <summary>The most requests an instance takes of a window at a time.</summary>
    public static int LeaseSize(RateLimit limit) => Math.Max(1, limit.Requests / 10);

    /// <summary>Counts one request of <paramref name="userId"/>: a read (GET) or a write (anything else).</summary>
    public async ValueTask<RateDecision> AcquireAsync(string userId, bool write, CancellationToken cancellationToken)
    {
        var limit = write ? _limits.Writes : _limits.Reads;
        var routeClass = write ? "write" : "read";
        var now = _time.GetUtcNow();
        var windowMs = (long)limit.Window.TotalMilliseconds;
        var window = now.ToUnixTimeMilliseconds() / windowMs;
        var retryAfter = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * windowMs) - now;
        var allowance = _allowances.GetOrAdd((userId, write), _ => new Allowance());
        lock (allowance)
        {
            if (allowance.Window == window)
            {
                if (allowance.Remaining > 0)
                {
                    allowance.Remaining--;
                    return RateDecision.Allow(limit);
                }

                if (allowance.Spent)
                {
                    return new RateDecision(false, retryAfter, limit);
                }
            }
        }

        int want;
        lock (allowance)
        {
            want = allowance.Window == window ? Math.Min(LeaseSize(limit), allowance.NextLease) : 1;
        }

        var granted = await LeaseAsync(userId, routeClass, window, limit, want, now, cancellationToken).ConfigureAwait(false);
        lock (allowance)
        {
            if (allowance.Window > window)
            {
                // A later window began meanwhile (another request of the account on this instance): this lease only counts for this request.
                return granted > 0 ? RateDecision.Allow(limit) : new RateDecision(false, retryAfter, limit);
            }

            if (allowance.Window < window)
            {
                allowance.Window = window;
                allowance.Remaining = 0;
                allowance.Spent = false;
                allowance.NextLease = 1;
            }

            allowance.NextLease = Math.Min(LeaseSize(limit), allowance.NextLease * 2);
            allowance.Remaining += granted;
            if (allowance.Remaining > 0)
            {
                allowance.Remaining--;
                return RateDecision.Allow(limit);
            }

            allowance.Spent = true;
            return new RateDecision(false, retryAfter, limit);
        }
    }

    /// <summary>Takes up to a lease of the window's allowance; how much it got (0 when the window is spent).</summary>
    private async Task<int> LeaseAsync(string userId, string routeClass, long window, RateLimit limit, int want, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2 && want > 0; attempt++)
        {
            try
            {
                await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _table,
                        Key = new()
                        {
                            [Keys.PartitionKey] = Attributes.S(Keys.RateLimits(userId)),
                            [Keys.SortKey] = Attributes.S(Keys.RateWindow(routeClass, window)),
                        },
                        UpdateExpression = "SET #ttl = :ttl ADD #used :want",
                        ConditionExpression = "attribute_not_exists(#used) OR #used <= :most",
                        ExpressionAttributeNames = new() { ["#used"] = "used", ["#ttl"] = Keys.TimeToLive },
                        ExpressionAttributeValues = new()
                        {
                            [":want"] = Attributes.N(want),
                            [":most"] = Attributes.N(limit.Requests - want),
                            [":ttl"] = Attributes.N(now.Add(limit.Window * 2).ToUnixTimeSeconds()),
                        },
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                    cancellationToken).ConfigureAwait(false);
                return want;
            }
            catch (ConditionalCheckFailedException ex)
            {
                // Less than a lease is left: take what is (once), or nothing.
                want = limit.Requests - (int)Math.Min(limit.Requests, ex.Item?.GetLong("used") ?? limit.Requests);
            }
        }

        return 0;
    }

    private sealed class Allowance
    {
        public long Window = -1;
        public int Remaining;
        public bool Spent;
        public int NextLease = 1;
    }
}
