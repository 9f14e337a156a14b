using GymCoach.Generator;

// dotnet run --project tools/GymCoach.Generator            regenerate serverless.template (shared resources + every function's declaration) and docs/openapi.json
// dotnet run --project tools/GymCoach.Generator -- --check  exit 1 if either is stale
var check = args.Contains("--check");
var root = RepoFiles.Root();
var services = ServiceCatalog.DiscoverProjects();
var stale = 0;
foreach (var (path, content) in RepoFiles.Expected(root, services))
{
    var current = File.Exists(path) ? File.ReadAllText(path) : null;
    if (current == content)
    {
        Console.WriteLine($"up to date  {Path.GetRelativePath(root, path)}");
        continue;
    }

    stale++;
    if (check)
    {
        Console.WriteLine($"STALE       {Path.GetRelativePath(root, path)}");
    }
    else
    {
        File.WriteAllText(path, content);
        Console.WriteLine($"written     {Path.GetRelativePath(root, path)}");
    }
}

Console.WriteLine($"{services.Count} service(s), {services.Sum(s => s.Description.Functions().Declarations.Count)} function(s), {services.Sum(s => s.Description.DescribeRoutes().Specs.Count)} route(s)");
return check && stale > 0 ? 1 : 0;
