using System.Globalization;
using GymCoach.Measure;

// dotnet run --project tools/GymCoach.Measure.Workouts -c Release -- handler|stack [requests]
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
return args.FirstOrDefault() switch
{
    "handler" => await SetLatency.HandlerAsync(requests),
    "stack" => await SetLatency.StackAsync(requests),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GymCoach.Measure.Workouts handler|stack [requests=1000]");
    return 2;
}
