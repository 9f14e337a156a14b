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
/// sets, all or nothing. A larger one goes in steps that a resend of the same upload finishes. First the session
/// is claimed for it: an existing one has its version moved and the upload's digest set as pending (no write based
/// on the old version lands), a new one is stored pending (version 0) before any of its sets. Then its sets are
/// written in transactions of <see cref="SetsPerTransaction"/>, each checking that the session is still claimed by
/// this upload and not discarded (a later upload that took the claim over, or a discard, stops it). Last the session
/// itself, on the same condition, which clears the claim. Live set writes are refused while a claim stands
/// (<see cref="SessionMapper.SetWritten"/>), so totals always end equal to the sets. Every step is a fenced
/// transaction (<see cref="Transaction"/>): nothing lands in an account being deleted.
/// </summary>
public sealed partial class SessionRepository
{
    /// <summary>Set writes one transaction carries beside the session (or its claim's check), its in-progress marker and the account fence (100 items at most).</summary>
    public const int SetsPerTransaction = 96;

    /// <summary>
    /// Stores <paramref name="session"/> with <paramref name="puts"/> written and <paramref name="deletes"/> removed, and
    /// returns it as stored (a large edit's claim moves the version once more); a failed expectation is a
    /// <see cref="ConcurrencyConflictException"/> (read again).
    /// </summary>
    public async Task<Session> UploadAsync(string userId, Session session, IReadOnlyList<LoggedSet> puts, IReadOnlyList<LoggedSet> deletes, UploadExpectation expected, CancellationToken cancellationToken)
    {
        var writes = puts.Select(s => new TransactWriteItem { Put = new Put { TableName = _table, Item = SetMapper.ToItem(userId, s) } })
            .Concat(deletes.Select(s => new TransactWriteItem { Delete = new Delete { TableName = _table, Key = SetMapper.Key(userId, s.SessionId, s.Id) } }))
            .ToList();
        if (writes.Count > SetsPerTransaction)
        {
            var digest = session.UploadHash!;
            switch (expected)
            {
                case UploadExpectation.Absent:
                    await ClaimNewAsync(userId, session, digest, cancellationToken).ConfigureAwait(false);
                    break;
                case UploadExpectation.AtVersion version:
                    await ClaimAsync(userId, session.Id, version.Version, digest, cancellationToken).ConfigureAwait(false);
                    session = session with { Version = session.Version + 1 };
                    break;
            }

            expected = new UploadExpectation.Pending(digest);
            foreach (var chunk in writes.Chunk(SetsPerTransaction))
            {
                var step = new List<TransactWriteItem>(chunk.Length + 1) { StillClaimed(userId, session.Id, digest) };
                step.AddRange(chunk);
                if (await Transaction.WriteAsync(_client, step, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    if (Transaction.ConditionFailed(refused, 0))
                    {
                        throw new ConcurrencyConflictException("Another upload took the session over, or it was discarded, while this one was written.");
                    }

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
            // A small upload at the current version may take over another's unfinished claim: its Put clears the
            // claim, and the other upload's remaining steps then fail their check.
            UploadExpectation.AtVersion v => Bind("#version = :expected", names, values, ("#version", Keys.Version), (":expected", Attributes.N(v.Version))),
            UploadExpectation.Pending p => ClaimedBy(p.Digest, names, values),
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

        return session;
    }

    /// <summary>A new session's claim: stored pending at version 0 (its upload's content, none of its sets yet), only if the id is free.</summary>
    private async Task ClaimNewAsync(string userId, Session session, string digest, CancellationToken cancellationToken)
    {
        var item = SessionMapper.ToItem(userId, session with { Version = 0 });
        item[SessionMapper.PendingUpload] = Attributes.S(digest);
        if (await Transaction.WriteAsync(_client, [ItemCreator.NewItem(_table, item)], cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ConcurrencyConflictException("The session was created while the upload was written.");
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
                        ConditionExpression = "#version = :expected AND #status <> :discarded",
                        ExpressionAttributeNames = new() { ["#pending"] = SessionMapper.PendingUpload, ["#status"] = "status", ["#version"] = Keys.Version },
                        ExpressionAttributeValues = new()
                        {
                            [":digest"] = Attributes.S(digest),
                            [":discarded"] = Attributes.S(Session.Discarded),
                            [":expected"] = Attributes.N(version),
                            [":one"] = Attributes.N(1),
                        },
                    },
                },
            ],
            cancellationToken).ConfigureAwait(false);
        if (reasons is not null)
        {
            throw new ConcurrencyConflictException("The session changed while the upload was written.");
        }
    }

    /// <summary>The check each step of a large upload carries: the session is still claimed by this upload, and not discarded.</summary>
    private TransactWriteItem StillClaimed(string userId, string sessionId, string digest)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        return new TransactWriteItem
        {
            ConditionCheck = new ConditionCheck
            {
                TableName = _table,
                Key = SessionMapper.Key(userId, sessionId),
                ConditionExpression = ClaimedBy(digest, names, values),
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            },
        };
    }

    private static string ClaimedBy(string digest, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        names["#pending"] = SessionMapper.PendingUpload;
        names["#status"] = "status";
        values[":digest"] = Attributes.S(digest);
        values[":discarded"] = Attributes.S(Session.Discarded);
        return "#pending = :digest AND #status <> :discarded";
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
