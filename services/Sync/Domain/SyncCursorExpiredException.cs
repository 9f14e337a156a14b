using GymCoach.Lambda.Errors;

namespace GymCoach.Sync.Domain;

/// <summary>
/// The device's place in the change log is older than the log keeps (30 days), so changes since then may be
/// lost: it must start again with a full sync. A 410, distinct from a malformed cursor (400).
/// </summary>
public sealed class SyncCursorExpiredException() : DomainException("The sync cursor is older than the change log keeps (30 days): sync again without a cursor for a full snapshot.");
