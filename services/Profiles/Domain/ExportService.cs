using GymCoach.Data.Idempotency;
using GymCoach.Data.Writes;
using GymCoach.Lambda.Errors;
using GymCoach.Profiles.Data;
using GymCoach.Storage;

namespace GymCoach.Profiles.Domain;

/// <summary>An export as the API reports it: the job, and a download link once the document exists.</summary>
public sealed record ExportView(ExportJob Job, PresignedRequest? Download);

/// <summary>Queues exports and reports on them; the jobs function makes them (<see cref="ExportJob"/>).</summary>
public sealed class ExportService
{
    /// <summary>How long a download link works.</summary>
    public static readonly TimeSpan DownloadLifetime = TimeSpan.FromMinutes(15);

    private readonly ExportJobRepository _jobs;
    private readonly Presigner _presigner;
    private readonly TimeProvider _time;

    public ExportService(ExportJobRepository jobs, Presigner presigner, TimeProvider time)
    {
        _jobs = jobs;
        _presigner = presigner;
        _time = time;
    }

    /// <summary>An export from the last minutes still being made, which a new request is answered with.</summary>
    public async Task<ExportJob?> PendingAsync(string userId, CancellationToken cancellationToken) =>
        await _jobs.LatestAsync(userId, cancellationToken).ConfigureAwait(false) is { IsActive: true } job
        && job.RequestedAt > _time.GetUtcNow() - ExportJob.Coalescing
            ? job
            : null;

    /// <summary>Queues a new export (409 while the account is being deleted: the shared write path's fence).</summary>
    public Task<ExportJob> QueueAsync(string userId, Creation creation, IdempotencyRecord? record, CancellationToken cancellationToken) =>
        _jobs.CreateAsync(userId, ExportJob.New(creation.Id, creation.At), record, cancellationToken);

    public async Task<ExportView> GetAsync(string userId, string exportId, CancellationToken cancellationToken)
    {
        var job = GymCoach.Data.Ulid.IsValid(exportId) && await _jobs.GetAsync(userId, exportId, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : throw new NotFoundException("No such export.");
        var download = job.Status == ExportJob.Completed
            ? await _presigner.GetAsync(ObjectKeys.Export(userId, job.Id), DownloadLifetime, $"gymcoach-export-{job.Id}.json").ConfigureAwait(false)
            : null;
        return new ExportView(job, download);
    }
}
