namespace GymCoach.Profiles.Domain;

/// <summary>The POST /profiles/me/measurements body as sent.</summary>
public sealed class MeasurementInput
{
    public string? Date { get; set; }

    public double? WeightKg { get; set; }

    public double? BodyFatPct { get; set; }

    public Girths? Girths { get; set; }
}

/// <summary>Optional circumference measurements, centimetres.</summary>
public sealed class Girths
{
    public double? NeckCm { get; set; }

    public double? ChestCm { get; set; }

    public double? WaistCm { get; set; }

    public double? HipsCm { get; set; }

    public double? ArmCm { get; set; }

    public double? ThighCm { get; set; }

    public double? CalfCm { get; set; }

    /// <summary>The girths that are set, by their JSON names.</summary>
    public IEnumerable<(string Name, double Value)> Present()
    {
        if (NeckCm is { } neck) yield return ("neckCm", neck);
        if (ChestCm is { } chest) yield return ("chestCm", chest);
        if (WaistCm is { } waist) yield return ("waistCm", waist);
        if (HipsCm is { } hips) yield return ("hipsCm", hips);
        if (ArmCm is { } arm) yield return ("armCm", arm);
        if (ThighCm is { } thigh) yield return ("thighCm", thigh);
        if (CalfCm is { } calf) yield return ("calfCm", calf);
    }

    public static Girths? From(IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        return new Girths
        {
            NeckCm = Get(values, "neckCm"),
            ChestCm = Get(values, "chestCm"),
            WaistCm = Get(values, "waistCm"),
            HipsCm = Get(values, "hipsCm"),
            ArmCm = Get(values, "armCm"),
            ThighCm = Get(values, "thighCm"),
            CalfCm = Get(values, "calfCm"),
        };
    }

    private static double? Get(IReadOnlyDictionary<string, double> values, string name) =>
        values.TryGetValue(name, out var value) ? value : null;
}
