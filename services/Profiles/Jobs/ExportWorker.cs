using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.S3.Model;
using GymCoach.Data;
using GymCoach.Lambda.Logging;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Domain;
using GymCoach.Profiles.Export;
using GymCoach.Storage;

namespace GymCoach.Profiles.Jobs;

/// <summary>
/// Runs one segment of an export: claims it, reads the partition from the job's cursor, writes the document into
/// parts of a multipart upload, saves the state after every part, and before the deadline hands over to the
/// next invocation (status <c>continuing</c>: that write is the stream record that starts it). Work read but
/// not yet uploaded is simply read again by the next segment, so nothing is written twice or lost.
/// </summary>
public sealed class ExportWorker
{
    /// <summary>Tag the bucket's lifecycle rule expires export documents by (they live under the user's prefix).</summary>
    public const string KindTag = "gymcoach-kind";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly ExportJobRepository _jobs;
    private readonly JobSettings _settings;
    private readonly TimeProvider _time;
    private readonly LambdaLogger _log;

    public ExportWorker(IAmazonDynamoDB dynamo, string table, IAmazonS3 s3, string bucket, JobSettings settings, TimeProvider time, LambdaLogger log)
    {
        _dynamo = dynamo;
        _table = table;
        _s3 = s3;
        _bucket = bucket;
        _jobs = new ExportJobRepository(dynamo, table);
        _settings = settings;
        _time = time;
        _log = log;
    }

    public async Task RunAsync(string userId, string exportId, DateTimeOffset stopAt, CancellationToken cancellationToken)
    {
        if (await _jobs.GetAsync(userId, exportId, cancellationToken).ConfigureAwait(false) is not { IsActive: true } seen
            || await _jobs.ClaimAsync(userId, seen, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return; // Done, gone, or another invocation's segment now.
        }

        var key = ObjectKeys.Export(userId, job.Id);
        job = job with { Requests = job.Requests.Add(dynamoDb: 2) };
        if (job.UploadId is null)
        {
            var upload = await _s3.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    ContentType = "application/json",
                    TagSet = [new Tag { Key = KindTag, Value = "export" }],
                },
                cancellationToken).ConfigureAwait(false);
            job = job with { UploadId = upload.UploadId, Requests = job.Requests.Add(s3: 1) };
        }

        var document = new ExportDocument(job.OpenDomain, job.Items);
        if (job.Parts.Count == 0)
        {
            document.WriteHeader(job.Id, userId, job.RequestedAt);
        }

        var ownKey = Keys.Export(job.Id);
        using var pages = new PartitionPages(_dynamo, _table, userId, job.Cursor, keysOnly: false, _settings.PageSize);
        var counted = 0;
        string? lastKey = job.Cursor;

        // The requests since the last save (queries read ahead are counted when their items are saved).
        ExportJob Counting(ExportJob state, long dynamoDb = 0, long s3 = 0)
        {
            var queries = pages.Requests - counted;
            counted = pages.Requests;
            return state with { Requests = state.Requests.Add(dynamoDb: queries + dynamoDb, s3: s3) };
        }

        async Task<ExportJob> UploadPartAsync(ExportJob state)
        {
            var bytes = document.TakePart();
            var number = state.Parts.Count + 1;
            using var body = new MemoryStream(bytes, writable: false);
            var response = await _s3.UploadPartAsync(
                new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = state.UploadId, PartNumber = number, InputStream = body, PartSize = bytes.Length, UseChunkEncoding = false },
                cancellationToken).ConfigureAwait(false);
            return Counting(
                state with
                {
                    Parts = [.. state.Parts, new ExportPart(number, response.ETag)],
                    Cursor = lastKey,
                    OpenDomain = document.OpenDomain,
                    Items = document.Items,
                    Bytes = state.Bytes + bytes.Length,
                },
                dynamoDb: 1,
                s3: 1);
        }

        while (true)
        {
            var page = await pages.NextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                var sortKey = item.GetRequiredString(Keys.SortKey);
                lastKey = sortKey;
                if (sortKey != ownKey && !ExportDomains.IsChangeLog(sortKey))
                {
                    document.WriteItem(ExportDomains.Of(sortKey), item);
                }

                if (document.Length >= _settings.PartSize)
                {
                    try
                    {
                        job = await UploadPartAsync(job).ConfigureAwait(false);
                    }
                    catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchUpload")
                    {
                        await FinishLostUploadAsync(userId, key, job, document.Items, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    if (!await _jobs.SaveAsync(userId, job, cancellationToken).ConfigureAwait(false))
                    {
                        return; // The job was deleted or taken over: this segment stops.
                    }
                }
            }

            if (page.Last)
            {
                break;
            }

            if (_time.GetUtcNow() >= stopAt)
            {
                // Hand over at the last uploaded part; what was read since is read again next time.
                await _jobs.SaveAsync(userId, Counting(job with { Status = ExportJob.Continuing }, dynamoDb: 1), cancellationToken).ConfigureAwait(false);
                _log.Write(LogLevel.Info, $"Export {job.Id}: segment {job.Segment} handed over after {job.Parts.Count} parts, {job.Items} items.");
                return;
            }
        }

        var now = _time.GetUtcNow();
        document.WriteTrailer(now);
        try
        {
            job = await UploadPartAsync(job).ConfigureAwait(false);
            await _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = _bucket,
                    Key = key,
                    UploadId = job.UploadId,
                    PartETags = job.Parts.Select(p => new PartETag(p.Number, p.ETag)).ToList(),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchUpload")
        {
            // The upload is gone: completed by an earlier attempt whose save was lost (then the document exists),
            // or aborted (then this export cannot finish: it fails, and a new request makes a new one).
            await FinishLostUploadAsync(userId, key, job, document.Items, now, cancellationToken).ConfigureAwait(false);
            return;
        }
        job = job with { Status = ExportJob.Completed, CompletedAt = now, Requests = job.Requests.Add(s3: 1) };
        if (await _jobs.SaveAsync(userId, job, cancellationToken).ConfigureAwait(false))
        {
            _log.Write(LogLevel.Info, $"Export {job.Id} completed: {job.Items} items, {job.Bytes} bytes in {job.Parts.Count} parts over {job.Segment} segments; {job.Requests.DynamoDb} DynamoDB and {job.Requests.S3} S3 requests.");
        }
    }

    private async Task FinishLostUploadAsync(string userId, string key, ExportJob job, long items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        long? size = null;
        try
        {
            size = (await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false)).ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
        }

        var final = size is { } bytes
            ? job with { Status = ExportJob.Completed, CompletedAt = now, Bytes = bytes, Items = items }
            : job with { Status = ExportJob.Failed, Error = "The upload was lost before it completed; ask for a new export." };
        await _jobs.SaveAsync(userId, final with { Requests = final.Requests.Add(dynamoDb: 1, s3: 2) }, cancellationToken).ConfigureAwait(false);
        _log.Write(size is null ? LogLevel.Warn : LogLevel.Info, $"Export {job.Id}: its multipart upload was gone; the job is {final.Status}.");
    }
}
