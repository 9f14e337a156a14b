using BenchmarkDotNet.Running;
using GymCoach.Benchmarks;

if (args.FirstOrDefault() == "alloc")
{
    AllocationBreakdown.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CacheBenchmarks).Assembly).Run(args);
