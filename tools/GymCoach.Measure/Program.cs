using GymCoach.Measure;

// dotnet run --project tools/GymCoach.Measure -c Release -- coldstart <bootstrap> [runs] [method] [path]
// dotnet run --project tools/GymCoach.Measure -c Release -- gateway [requests]
// dotnet run --project tools/GymCoach.Measure -c Release -- startup
// dotnet run --project tools/GymCoach.Measure -c Release -- priming <bootstrap>[,<bootstrap>...] [runs] [memoryMb]
// dotnet run --project tools/GymCoach.Measure -c Release -- latency [requests] <path?query>...
return args.FirstOrDefault() switch
{
    "coldstart" => await ColdStart.RunAsync(args[1..]),
    "gateway" => await GatewayOverhead.RunAsync(args[1..]),
    "startup" => await StartupTime.RunAsync(args[1..]),
    "priming" => await PrimingModel.RunAsync(args[1..]),
    "latency" => await StackLatency.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GymCoach.Measure coldstart <bootstrap> [runs] [method] [path] | gateway [requests] | startup | priming <bootstrap>[,...] [runs] [memoryMb]");
    return 2;
}
