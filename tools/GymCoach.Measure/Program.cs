using GymCoach.Measure;

// dotnet run --project tools/GymCoach.Measure -c Release -- coldstart <bootstrap> [runs] [path?query]
// dotnet run --project tools/GymCoach.Measure -c Release -- gateway [requests]
// dotnet run --project tools/GymCoach.Measure -c Release -- startup
// dotnet run --project tools/GymCoach.Measure -c Release -- priming <bootstrap>[,<bootstrap>...] [runs] [memoryMb]
// dotnet run --project tools/GymCoach.Measure -c Release -- latency [requests] <path?query>...
// dotnet run --project tools/GymCoach.Measure -c Release -- table [--runs 10] [--warm 50] [--memory 128,512,1769] [--services ...] [--no-publish]
return args.FirstOrDefault() switch
{
    "coldstart" => await ColdStart.RunAsync(args[1..]),
    "gateway" => await GatewayOverhead.RunAsync(args[1..]),
    "startup" => await StartupTime.RunAsync(args[1..]),
    "priming" => await PrimingModel.RunAsync(args[1..]),
    "latency" => await StackLatency.RunAsync(args[1..]),
    "table" => await ColdStartTable.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: GymCoach.Measure coldstart <bootstrap> [runs] [path?query] | gateway [requests] | startup | priming <bootstrap>[,...] [runs] [memoryMb] | table [--runs N] [--warm N] [--memory 128,512,1769] [--services ...] [--no-publish] | latency [requests] <path>...");
    return 2;
}
