namespace GymCoach.Data.Batching;

/// <summary>What one optimizer call cost: emitted as EMF metrics so a slow page can be explained.</summary>
public sealed record BatchStatistics(string Operation, int Requests, int Items, int Retries, int Unprocessed, TimeSpan Elapsed);
