namespace GymCoach.Profiles.Domain;

/// <summary>One uploaded part of an export's multipart upload.</summary>
public sealed record ExportPart(int Number, string ETag);

/// <summary>
/// A data export: requested by the API, run by the jobs function in segments that each end before their
/// invocation's deadline. The state is everything the next segment needs to carry on exactly where the last
/// uploaded part ended: the multipart upload, its parts, the sort key after which reading resumes and the
/// open domain section. The document only exists once the upload is completed, so it is never half-written.
/// </summary>
public sealed record ExportJob(
    string Id,
    string Status,
    DateTimeOffset RequestedAt,
    long Segment,
    string? UploadId,
    IReadOnlyList<ExportPart> Parts,
    string? Cursor,
    string? OpenDomain,
    long Items,
    long Bytes,
    JobRequests Requests,
    DateTimeOffset? CompletedAt = null,
    string? Error = null)
{
    public const string Queued = GymCoach.Data.Jobs.JobItem.Queued;
    public const string Running = GymCoach.Data.Jobs.JobItem.Running;

    /// <summary>A segment ended before the work did: the write of this status is what starts the next segment.</summary>
    public const string Continuing = GymCoach.Data.Jobs.JobItem.Continuing;

    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>How long the job (and its document, by the bucket's lifecycle rule) is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public bool IsActive => Status is Queued or Running or Continuing;

    public static ExportJob New(string id, DateTimeOffset at) => new(id, Queued, at, 0, null, [], null, null, 0, 0, JobRequests.None);
}

/// <summary>Requests a job made so far, by service: the figure its status and the closing log line report.</summary>
public sealed record JobRequests(long DynamoDb, long S3)
{
    public static readonly JobRequests None = new(0, 0);

    public JobRequests Add(long dynamoDb = 0, long s3 = 0) => new(DynamoDb + dynamoDb, S3 + s3);
}
