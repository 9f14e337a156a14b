using System.Text.Json.Serialization;
using GymCoach.Exercises.Domain;
using GymCoach.Lambda.Http;

namespace GymCoach.Exercises;

/// <summary>Source-generated JSON for the Exercises API and its library file (AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LibraryFile))]
[JsonSerializable(typeof(ExerciseResponse))]
[JsonSerializable(typeof(CustomExerciseInput))]
[JsonSerializable(typeof(MediaResponse))]
[JsonSerializable(typeof(Page<ExerciseResponse>))]
public sealed partial class ExercisesJsonContext : JsonSerializerContext;
