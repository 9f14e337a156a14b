namespace GymCoach.Profiles.Domain;

/// <summary>One body measurement on one day; girths in centimetres.</summary>
public sealed record Measurement(
    string Id,
    DateOnly Date,
    double? WeightKg,
    double? BodyFatPct,
    IReadOnlyDictionary<string, double> GirthsCm,
    DateTimeOffset CreatedAt);
