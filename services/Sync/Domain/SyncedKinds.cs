using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2.Model;
using GymCoach.Analytics;
using GymCoach.Analytics.Data;
using GymCoach.Data;
using GymCoach.Data.Contracts;
using GymCoach.Exercises;
using GymCoach.Exercises.Data;
using GymCoach.Exercises.Domain;
using GymCoach.Profiles;
using GymCoach.Profiles.Data;
using GymCoach.Profiles.Domain;
using GymCoach.Workouts;
using GymCoach.Workouts.Data;
using GymCoach.Workouts.Domain;

namespace GymCoach.Sync.Domain;

/// <summary>
/// The kinds of item GET /sync carries and how each is named and rendered. Rendering goes through the owning
/// service's own mapper, response type and JSON context, so an upsert's <c>data</c> is exactly the JSON of that
/// entity's GET. Everything else in a lifter's partition (counters, idempotency records, derived digests and
/// weeks, jobs, the change log itself) is never synced.
/// </summary>
public static class SyncedKinds
{
    public const string Profile = "profile";
    public const string Preferences = "preferences";
    public const string Measurement = "measurement";
    public const string Photo = "photo";
    public const string Exercise = "exercise";
    public const string Plan = "plan";
    public const string Schedule = "schedule";
    public const string Session = "session";
    public const string Set = "set";
    public const string Record = "record";
    public const string Achievement = "achievement";

    /// <summary>The id of the kinds a lifter has one of (profile, preferences).</summary>
    public const string Singleton = "me";

    /// <summary>The <c>entity</c> values of synced items: what the change log's stream filter passes.</summary>
    public static readonly IReadOnlyList<string> Entities =
    [
        EntityTypes.Profile, EntityTypes.Preferences, EntityTypes.Measurement, EntityTypes.Photo, EntityTypes.CustomExercise,
        EntityTypes.WorkoutPlan, EntityTypes.ScheduledWorkout, EntityTypes.WorkoutSession, EntityTypes.WorkoutSet,
        EntityTypes.AnalyticsRecord, EntityTypes.AnalyticsAchievement,
    ];

    /// <summary>Every type name a change can have, for the API document.</summary>
    public static readonly IReadOnlyList<string> Types = [Profile, Preferences, Measurement, Photo, Exercise, Plan, Schedule, Session, Set, Record, Achievement];

    /// <summary>What the item under <paramref name="sortKey"/> is to the app; null for an item that is not synced.</summary>
    public static ChangeSubject? SubjectOf(string sortKey)
    {
        if (sortKey == Keys.ProfileSortKey)
        {
            return new(Profile, Singleton);
        }

        if (sortKey == Keys.PreferencesSortKey)
        {
            return new(Preferences, Singleton);
        }

        if (sortKey.StartsWith(Keys.SessionPrefix, StringComparison.Ordinal))
        {
            var rest = sortKey[Keys.SessionPrefix.Length..];
            var set = rest.IndexOf(Keys.SetInfix, StringComparison.Ordinal);
            return set < 0 ? Named(Session, rest) : Named(Set, rest[(set + Keys.SetInfix.Length)..], rest[..set]);
        }

        if (sortKey.StartsWith(Keys.ExercisePrefix, StringComparison.Ordinal))
        {
            var id = sortKey[Keys.ExercisePrefix.Length..];
            return Keys.IsCustomExercise(id) ? Named(Exercise, id) : null;
        }

        return sortKey switch
        {
            _ when sortKey.StartsWith(Keys.MeasurementPrefix, StringComparison.Ordinal) => Named(Measurement, LastSegment(sortKey)),
            _ when sortKey.StartsWith(Keys.PhotoPrefix, StringComparison.Ordinal) => Named(Photo, LastSegment(sortKey)),
            _ when sortKey.StartsWith(Keys.PlanPrefix, StringComparison.Ordinal) => Named(Plan, sortKey[Keys.PlanPrefix.Length..]),
            _ when sortKey.StartsWith(Keys.SchedulePrefix, StringComparison.Ordinal) => Named(Schedule, sortKey[Keys.SchedulePrefix.Length..]),
            _ when sortKey.StartsWith(Keys.AnalyticsRecordPrefix, StringComparison.Ordinal) => Named(Record, sortKey[Keys.AnalyticsRecordPrefix.Length..]),
            _ when sortKey.StartsWith(Keys.AnalyticsAchievementPrefix, StringComparison.Ordinal) => Named(Achievement, sortKey[Keys.AnalyticsAchievementPrefix.Length..]),
            _ => null,
        };
    }

    /// <summary>
    /// The item as its GET renders it; null when the app must treat it as gone though the item still exists (a
    /// discarded session, whose removal finishes in the background: its GET is already 404).
    /// </summary>
    public static JsonElement? Render(ChangeSubject subject, Dictionary<string, AttributeValue> item) => subject.Type switch
    {
        Profile => Json(ProfileResponse.From(ProfileMapper.FromItem(item)), ProfilesJsonContext.Default.ProfileResponse),
        Preferences => Json(PreferencesResponse.From(PreferencesRepository.FromItem(item)), ProfilesJsonContext.Default.PreferencesResponse),
        Measurement => Json(MeasurementResponse.From(MeasurementMapper.FromItem(item)), ProfilesJsonContext.Default.MeasurementResponse),
        // The stored record: a photo's viewing URL is signed for minutes, so the app asks GET /profiles/me/photos/{id}
        // when it shows one. That read also confirms a finished upload (a write, hence a change: ready) and says
        // expired once the upload window passed (no write: sync keeps saying pending, with uploadExpiresAt, from which the app tells).
        Photo => Json(PhotoResponse.From(new PhotoView(PhotoRepository.FromItem(item), null)), ProfilesJsonContext.Default.PhotoResponse),
        Exercise => Json(ExerciseResponse.From(ExerciseMapper.FromItem(item)), ExercisesJsonContext.Default.ExerciseResponse),
        Plan => Json(PlanResponse.From(PlanMapper.FromItem(item)), WorkoutsJsonContext.Default.PlanResponse),
        Schedule => Json(ScheduleResponse.From(ScheduleRepository.FromItem(item)), WorkoutsJsonContext.Default.ScheduleResponse),
        Session => SessionMapper.FromItem(item) is { Status: not Workouts.Domain.Session.Discarded } session
            ? Json(SessionResponse.From(session, targets: true), WorkoutsJsonContext.Default.SessionResponse)
            : null,
        Set => Json(SetResponse.From(SetMapper.FromItem(item)), WorkoutsJsonContext.Default.SetResponse),
        Record => Json(AggregateStore.RecordsFrom(item), AnalyticsJsonContext.Default.ExerciseRecords),
        Achievement => Json(AggregateStore.AchievementFrom(item), AnalyticsJsonContext.Default.Achievement),
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject.Type, "Not a synced kind."),
    };

    private static ChangeSubject? Named(string type, string id, string? sessionId = null) =>
        id.Length == 0 || (sessionId is not null && sessionId.Length == 0) ? null : new ChangeSubject(type, id, sessionId);

    private static string LastSegment(string sortKey) => sortKey[(sortKey.LastIndexOf('#') + 1)..];

    private static JsonElement Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToElement(value, type);
}
