using GymCoach.Lambda.Text;

namespace GymCoach.Profiles.Domain;

/// <summary>A measurement as the app receives it.</summary>
public sealed class MeasurementResponse
{
    public required string Id { get; init; }

    public required string Date { get; init; }

    public double? WeightKg { get; init; }

    public double? BodyFatPct { get; init; }

    public Girths? Girths { get; init; }

    public required string CreatedAt { get; init; }

    public static MeasurementResponse From(Measurement measurement) => new()
    {
        Id = measurement.Id,
        Date = Timestamps.ToApi(measurement.Date),
        WeightKg = measurement.WeightKg,
        BodyFatPct = measurement.BodyFatPct,
        Girths = Girths.From(measurement.GirthsCm),
        CreatedAt = Timestamps.ToApi(measurement.CreatedAt),
    };
}
