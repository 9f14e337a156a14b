using GymCoach.Data.Idempotency;
using GymCoach.Data.Jobs;
using GymCoach.Lambda.Errors;
using GymCoach.Profiles.Data;
using GymCoach.Storage;
using GymCoach.Lambda.Http.Jobs;

namespace GymCoach.Profiles.Domain;

/// <summary>An export as the API reports it: the job, and a download link once the document exists.</summary>
public sealed record ExportView(ExportJob Job, PresignedRequest? Download);

/// <summary>Queues exports and reports on them; the jobs function makes them (<see cref="ExportJob"/>).</summary>
public sealed class ExportService : IJobQueue<ExportJob>
{
    /// <summary>How long a download link works.</summary>
    public static readonly TimeSpan DownloadLifetime = TimeSpan.FromMinutes(15);

    private readonly ExportJobRepository _jobs;
    private readonly JobGate _gate;
    private readonly Presigner _presigner;

    public ExportService(ExportJobRepository jobs, JobGate gate, Presigner presigner)
    {
        _jobs = jobs;
        _gate = gate;
        _presigner = presigner;
    }

    public string IdOf(ExportJob job) => job.Id;

    /// <summary>
    /// Queues <paramref name="job"/> (with <paramref name="record"/>) if the account's job gate lets it start one;
    /// the export that answers: <paramref name="job"/>, or the one still being made. 429 (<see cref="JobRefusedException"/>)
    /// in the cooldown or past the day's quota; 409 while the account is being deleted (the shared write path's fence).
    /// </summary>
    public async Task<ExportJob> QueueAsync(string userId, ExportJob job, IdempotencyRecord? record, CancellationToken cancellationToken)
    {
        var answering = await _gate.QueueAsync(userId, job.Id, _jobs.NewJob(userId, job), record, (id, ct) => _jobs.SnapshotAsync(userId, id, ct), cancellationToken).ConfigureAwait(false);
        return answering == job.Id
            ? job
            : await _jobs.GetAsync(userId, answering, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("No such export.");
    }

    /// <summary>Binds the request's idempotency key to the answer with the job already running (see <see cref="JobGate.RecordAsync"/>).</summary>
    public Task RecordAsync(IdempotencyRecord record, CancellationToken cancellationToken) => _gate.RecordAsync(record, cancellationToken);

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
