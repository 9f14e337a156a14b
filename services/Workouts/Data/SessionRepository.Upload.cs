using Amazon.DynamoDBv2.Model;
using GymCoach.Data;
using GymCoach.Data.Writes;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts.Data;

/// <summary>What a whole-workout write may apply to: no session yet, one version of it, or its own unfinished large upload.</summary>
public abstract record UploadExpectation
{
    public sealed record Absent : UploadExpectation;

    public sealed record AtVersion(long Version) : UploadExpectation;

    public sealed record Pending(string Digest) : UploadExpectation;
}

/// <summary>
/// Whole-workout writes. An upload whose set writes fit one transaction (the common workout, up to
/// <see cref="SetsPerTransaction"/> changed sets) is one TransactWriteItems: the session, its changed and removed
/// sets, all or nothing. A larger one goes in steps that a resend of the same upload finishes: an existing session
/// is first claimed for it (its version moved, the upload's digest set as pending, so no other write based on the
/// old version lands), then its sets are written in transactions of <see cref="SetsPerTransaction"/>, then the
/// session itself, on the condition it is still absent or still claimed by this upload. Every step is a fenced
/// transaction (<see cref="Transaction"/>), so nothing lands in an account being deleted.
/// </summary>
public sealed partial class SessionRepository
{
    /// <summary>Set writes one transaction carries beside the session, its in-progress marker and the account fence (100 items at most).</summary>
    public const int SetsPerTransaction = 96;

    /// <summary>Stores <paramref name="session"/> with <paramref name="puts"/> written and <paramref name="deletes"/> removed; a failed expectation is a <see cref="ConcurrencyConflictException"/> (read again).</summary>
    public async Task UploadAsync(string userId, Session session, IReadOnlyList<LoggedSet> puts, IReadOnlyList<LoggedSet> deletes, UploadExpectation expected, CancellationToken cancellationToken)
    {
        var writes = puts.Select(s => new TransactWriteItem { Put = new Put { TableName = _table, Item = SetMapper.ToItem(userId, s) } })
            .Concat(deletes.Select(s => new TransactWriteItem { Delete = new Delete { TableName = _table, Key = SetMapper.Key(userId, s.SessionId, s.Id) } }))
            .ToList();
        if (writes.Count > SetsPerTransaction)
        {
            if (expected is UploadExpectation.AtVersion version)
            {
                await ClaimAsync(userId, session.Id, version.Version, session.UploadHash!, cancellationToken).ConfigureAwait(false);
                expected = new UploadExpectation.Pending(session.UploadHash!);
            }

            foreach (var chunk in writes.Chunk(SetsPerTransaction))
            {
                if (await Transaction.WriteAsync(_client, [.. chunk], cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    throw new InvalidOperationException($"Writing an upload's sets was cancelled: {string.Join(", ", refused.Select(r => r.Code))}.");
                }
            }

            writes = [];
        }

        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var condition = expected switch
        {
            UploadExpectation.Absent => Bind("attribute_not_exists(#pk)", names, values, ("#pk", Keys.PartitionKey), null),
            UploadExpectation.AtVersion v => Bind("#version = :expected", names, values, ("#version", Keys.Version), (":expected", Attributes.N(v.Version))),
            UploadExpectation.Pending p => Bind("#pending = :digest", names, values, ("#pending", SessionMapper.PendingUpload), (":digest", Attributes.S(p.Digest))),
            _ => throw new ArgumentOutOfRangeException(nameof(expected)),
        };
        writes.Insert(0, new TransactWriteItem
        {
            Put = new Put
            {
                TableName = _table,
                Item = SessionMapper.ToItem(userId, session),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values.Count > 0 ? values : null,
            },
        });
        writes.Insert(1, new TransactWriteItem { Delete = new Delete { TableName = _table, Key = SessionMapper.ActiveKey(userId, session.Id) } });
        if (await Transaction.WriteAsync(_client, writes, cancellationToken).ConfigureAwait(false) is { } reasons)
        {
            if (Transaction.ConditionFailed(reasons, 0))
            {
                throw new ConcurrencyConflictException("The session changed while the upload was written.");
            }

            throw new InvalidOperationException($"The upload was cancelled: {string.Join(", ", reasons.Select(r => r.Code))}.");
        }
    }

    /// <summary>Claims the session at <paramref name="version"/> for a large upload: its version moves (older If-Match tags no longer match) and the upload's digest is set as pending.</summary>
    private async Task ClaimAsync(string userId, string sessionId, long version, string digest, CancellationToken cancellationToken)
    {
        var reasons = await Transaction.WriteAsync(
            _client,
            [
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = _table,
                        Key = SessionMapper.Key(userId, sessionId),
                        UpdateExpression = "SET #pending = :digest ADD #version :one",
                        ConditionExpression = "#version = :expected",
                        ExpressionAttributeNames = new() { ["#pending"] = SessionMapper.PendingUpload, ["#version"] = Keys.Version },
                        ExpressionAttributeValues = new() { [":digest"] = Attributes.S(digest), [":one"] = Attributes.N(1), [":expected"] = Attributes.N(version) },
                    },
                },
            ],
            cancellationToken).ConfigureAwait(false);
        if (reasons is not null)
        {
            throw new ConcurrencyConflictException("The session changed while the upload was written.");
        }
    }

    private static string Bind(string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, (string Name, string Attribute) name, (string Placeholder, AttributeValue Value)? value)
    {
        names[name.Name] = name.Attribute;
        if (value is { } v)
        {
            values[v.Placeholder] = v.Value;
        }

        return condition;
    }
}
