using BenchmarkDotNet.Running;
using GymCoach.Benchmarks;

// dotnet run -c Release --project tools/GymCoach.Benchmarks.Exercises -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(ExerciseListBenchmarks).Assembly).Run(args);
