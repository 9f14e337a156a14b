namespace GymCoach.Lambda.Deployment;

/// <summary>
/// The custom resource a <see cref="FunctionKind.CustomResource"/> function backs. CloudFormation calls it again only
/// when its properties change, so the generator stamps a hash of <paramref name="ContentPaths"/> (files, or folders
/// of code) into it: a changed library file or mapper reruns it.
/// </summary>
public sealed record CustomResourceDeclaration(string LogicalId, string ResourceType, IReadOnlyList<string> ContentPaths);
