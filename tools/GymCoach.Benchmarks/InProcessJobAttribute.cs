using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace GymCoach.Benchmarks;

/// <summary>
/// One in-process job per benchmark class (no child project to build, which matters on a 2-core machine),
/// with the iteration counts the class needs.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InProcessJobAttribute : JobConfigBaseAttribute
{
    public InProcessJobAttribute(RunStrategy strategy, int warmupCount, int iterationCount)
        : base(Job.Default
            .WithStrategy(strategy)
            .WithLaunchCount(1)
            .WithWarmupCount(warmupCount)
            .WithIterationCount(iterationCount)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("InProcess"))
    {
    }
}
