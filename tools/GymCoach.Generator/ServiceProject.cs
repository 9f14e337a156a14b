using GymCoach.Lambda.Http;

namespace GymCoach.Generator;

/// <summary>A service as the build finds it: the folder its package is built from (<c>services/Name/</c>, the template's CodeUri) and its description.</summary>
public sealed record ServiceProject(string Folder, IServiceDescription Description);
