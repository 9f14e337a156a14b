using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.Lambda.Logging;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Domain;
using GymCoach.Storage;

namespace GymCoach.Profiles.Jobs;

/// <summary>
/// Runs one segment of an account deletion. Items: paged key-only Queries of the partition, each page deleted
/// with the batch optimizer (25 a request, 4 requests at once, unprocessed items retried) while the next page
/// is read; passes repeat until the settle time has passed, and the first pass that starts after it is the last. Index entries go with their
/// items. Objects: the user's S3 prefix, 1,000 keys a request. The deletion item itself goes last. Every step
/// is a delete of whatever is still there, so a repeated or resumed segment is harmless.
/// </summary>
public sealed class DeletionWorker
{
    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly DeletionRepository _deletions;
    private readonly BatchOptimizer _batch;
    private readonly JobSettings _settings;
    private readonly TimeProvider _time;
    private readonly LambdaLogger _log;

    public DeletionWorker(IAmazonDynamoDB dynamo, string table, IAmazonS3 s3, string bucket, BatchOptimizer batch, JobSettings settings, TimeProvider time, LambdaLogger log)
    {
        _dynamo = dynamo;
        _table = table;
        _s3 = s3;
        _bucket = bucket;
        _deletions = new DeletionRepository(dynamo, table);
        _batch = batch;
        _settings = settings;
        _time = time;
        _log = log;
    }

    public async Task RunAsync(string userId, DateTimeOffset stopAt, CancellationToken cancellationToken)
    {
        if (await _deletions.GetAsync(userId, cancellationToken).ConfigureAwait(false) is not { } seen
            || await _deletions.ClaimAsync(userId, seen, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not { } deletion)
        {
            return;
        }

        deletion = deletion with { Requests = deletion.Requests.Add(dynamoDb: 2) };
        while (deletion.Phase == AccountDeletion.ItemsPhase)
        {
            // The fence stops every client write from the moment the deletion item exists; what may still land is
            // bounded in time (see AccountFence). A pass that starts once the settle time is over is the last one,
            // whatever it finds, so the deletion finishes in bounded time whatever clients do.
            var final = _time.GetUtcNow() >= deletion.SettleUntil;
            var (pass, complete) = await SweepAsync(userId, stopAt, cancellationToken).ConfigureAwait(false);
            deletion = deletion with { ItemsDeleted = deletion.ItemsDeleted + pass.Deleted, Requests = deletion.Requests.Add(dynamoDb: pass.Requests) };
            if (!complete)
            {
                await HandOverAsync(userId, deletion, cancellationToken).ConfigureAwait(false);
                return;
            }

            deletion = deletion with { Passes = deletion.Passes + 1 };
            var now = _time.GetUtcNow();
            if (final)
            {
                _log.Write(
                    pass.Found == 0 ? LogLevel.Info : LogLevel.Warn,
                    $"Account deletion {deletion.Id}: final pass {deletion.Passes} found {pass.Found} items, {(now - deletion.RequestedAt).TotalSeconds:F1} s after the request.");
                deletion = deletion with { Phase = AccountDeletion.ObjectsPhase };
            }
            else if (pass.Found == 0)
            {
                // Nothing left, but something that read the account before the deletion began may still write.
                var wait = Min(deletion.SettleUntil - now, stopAt - now);
                if (deletion.SettleUntil > now && wait <= TimeSpan.Zero)
                {
                    await HandOverAsync(userId, deletion, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var prefix = ObjectKeys.User(userId);
        while (true)
        {
            var listing = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = 1000 }, cancellationToken).ConfigureAwait(false);
            deletion = deletion with { Requests = deletion.Requests.Add(s3: 1) };
            if (listing.S3Objects is not { Count: > 0 } objects)
            {
                break;
            }

            await _s3.DeleteObjectsAsync(
                new DeleteObjectsRequest { BucketName = _bucket, Objects = objects.Select(o => new KeyVersion { Key = o.Key }).ToList(), Quiet = true },
                cancellationToken).ConfigureAwait(false);
            deletion = deletion with { ObjectsDeleted = deletion.ObjectsDeleted + objects.Count, Requests = deletion.Requests.Add(s3: 1) };
            if (_time.GetUtcNow() >= stopAt)
            {
                await HandOverAsync(userId, deletion, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var elapsed = _time.GetUtcNow() - deletion.RequestedAt;
        deletion = deletion with { Requests = deletion.Requests.Add(dynamoDb: 1) };
        if (await _deletions.FinishAsync(userId, deletion, cancellationToken).ConfigureAwait(false))
        {
            _log.Write(
                LogLevel.Info,
                $"Account deletion {deletion.Id} completed in {elapsed.TotalSeconds:F1} s: {deletion.ItemsDeleted} items in {deletion.Passes} passes, {deletion.ObjectsDeleted} objects; {deletion.Requests.DynamoDb} DynamoDB and {deletion.Requests.S3} S3 requests over {deletion.Segment} segments.");
        }
    }

    private sealed record Pass(int Found, int Deleted, int Requests);

    /// <summary>One pass over the partition (all but the deletion item); incomplete when the stop time came first.</summary>
    private async Task<(Pass Pass, bool Complete)> SweepAsync(string userId, DateTimeOffset stopAt, CancellationToken cancellationToken)
    {
        using var pages = new PartitionPages(_dynamo, _table, userId, after: null, keysOnly: true, _settings.PageSize);
        int found = 0, deleted = 0, writes = 0;
        while (true)
        {
            var page = await pages.NextAsync(cancellationToken).ConfigureAwait(false);
            var keys = page.Items
                .Select(i => new ItemKey(i.GetRequiredString(Keys.PartitionKey), i.GetRequiredString(Keys.SortKey)))
                .Where(k => k.SortKey != Keys.AccountDeletion)
                .ToList();
            found += keys.Count;
            if (keys.Count > 0)
            {
                var result = await _batch.WriteAsync(keys.Select(WriteOperation.Delete), cancellationToken).ConfigureAwait(false);
                deleted += result.Written;
                writes += result.Statistics.Requests;
            }

            if (page.Last)
            {
                return (new Pass(found, deleted, pages.Requests + writes), true);
            }

            if (_time.GetUtcNow() >= stopAt)
            {
                return (new Pass(found, deleted, pages.Requests + writes), false);
            }
        }
    }

    private async Task HandOverAsync(string userId, AccountDeletion deletion, CancellationToken cancellationToken)
    {
        var handOver = deletion with { Status = ExportJob.Continuing, Requests = deletion.Requests.Add(dynamoDb: 1), UpdatedAt = _time.GetUtcNow() };
        if (await _deletions.SaveAsync(userId, handOver, cancellationToken).ConfigureAwait(false))
        {
            _log.Write(LogLevel.Info, $"Account deletion {deletion.Id}: segment {deletion.Segment} handed over in phase {deletion.Phase} ({deletion.ItemsDeleted} items, {deletion.ObjectsDeleted} objects so far).");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
