using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>An export as the app sees it; <c>downloadUrl</c> once it is completed.</summary>
public sealed class ExportResponse
{
    public required string Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>continuing</c> (between two invocations), <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required string RequestedAt { get; init; }

    public string? CompletedAt { get; init; }

    public long Items { get; init; }

    public long Bytes { get; init; }

    public int Parts { get; init; }

    public int Segments { get; init; }

    public long DynamoDbRequests { get; init; }

    public long S3Requests { get; init; }

    public string? DownloadUrl { get; init; }

    public string? DownloadExpiresAt { get; init; }

    public required string Location { get; init; }

    public static ExportResponse From(ExportView view) => new()
    {
        Id = view.Job.Id,
        Status = view.Job.Status,
        RequestedAt = Timestamps.ToApi(view.Job.RequestedAt),
        CompletedAt = view.Job.CompletedAt is { } at ? Timestamps.ToApi(at) : null,
        Items = view.Job.Items,
        Bytes = view.Job.Bytes,
        Parts = view.Job.Parts.Count,
        Segments = (int)view.Job.Segment,
        DynamoDbRequests = view.Job.Requests.DynamoDb,
        S3Requests = view.Job.Requests.S3,
        DownloadUrl = view.Download?.Url,
        DownloadExpiresAt = view.Download is { } d ? Timestamps.ToApi(d.ExpiresAt) : null,
        Location = "/profiles/me/export/" + view.Job.Id,
    };
}

/// <summary>An account deletion as the app sees it: running, or <c>none</c> (none asked for, or finished: nothing of the account is left).</summary>
public sealed class DeletionResponse
{
    public const string None = "none";

    public string? Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>continuing</c>, or <c>none</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>items</c> (the table, swept until nothing is left) or <c>objects</c> (the user's files).</summary>
    public string? Phase { get; init; }

    public string? RequestedAt { get; init; }

    public long ItemsDeleted { get; init; }

    public long ObjectsDeleted { get; init; }

    public required string Location { get; init; }

    public static DeletionResponse From(AccountDeletion d) => new()
    {
        Id = d.Id,
        Status = d.Status,
        Phase = d.Phase,
        RequestedAt = Timestamps.ToApi(d.RequestedAt),
        ItemsDeleted = d.ItemsDeleted,
        ObjectsDeleted = d.ObjectsDeleted,
        Location = AccountLocation,
    };

    public const string AccountLocation = "/profiles/me/deletion";

    /// <summary>No deletion is running.</summary>
    public static DeletionResponse Nothing() => new() { Status = None, Location = AccountLocation };
}
