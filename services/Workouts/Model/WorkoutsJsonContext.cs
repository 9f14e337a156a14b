using System.Text.Json.Serialization;
using GymCoach.Lambda.Http;
using GymCoach.Workouts.Domain;

namespace GymCoach.Workouts;

/// <summary>Source-generated JSON for the Workouts API and its stored plan targets (AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PlanInput))]
[JsonSerializable(typeof(PlanResponse))]
[JsonSerializable(typeof(List<PlanExercise>))]
[JsonSerializable(typeof(Page<PlanResponse>))]
[JsonSerializable(typeof(ScheduleInput))]
[JsonSerializable(typeof(ScheduleResponse))]
[JsonSerializable(typeof(ScheduleListResponse))]
[JsonSerializable(typeof(SessionInput))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(WorkoutUpload))]
[JsonSerializable(typeof(CompletionInput))]
[JsonSerializable(typeof(Page<SessionResponse>))]
[JsonSerializable(typeof(SetInput))]
[JsonSerializable(typeof(SetResponse))]
[JsonSerializable(typeof(Page<SetResponse>))]
public sealed partial class WorkoutsJsonContext : JsonSerializerContext;
