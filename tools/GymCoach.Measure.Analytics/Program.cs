using System.Globalization;
using GymCoach.Measure;

// dotnet run --project tools/GymCoach.Measure.Analytics -c Release -- handler|stack|stream [requests]
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
return args.FirstOrDefault() switch
{
    "handler" => await AnalyticsFigures.DashboardHandlerAsync(requests),
    "stack" => await AnalyticsFigures.DashboardStackAsync(requests),
    "stream" => await AnalyticsFigures.StreamThroughputAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GymCoach.Measure.Analytics handler|stack [requests=1000] | stream");
    return 2;
}
