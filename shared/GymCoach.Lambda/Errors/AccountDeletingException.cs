namespace GymCoach.Lambda.Errors;

/// <summary>
/// The caller's account is being deleted: nothing of it is served or changed any more. Its own kind (not a
/// plain <see cref="ConflictException"/>) because the app reacts to it differently from a conflict on one
/// resource: it signs the lifter out and shows the deletion's progress, rather than re-reading and retrying.
/// </summary>
public sealed class AccountDeletingException() : DomainException("The account is being deleted; GET /profiles/me/deletion reports its progress.");
