namespace Orchestrator.Bench.Converge;

/// <summary>The shipped example cloud, deploy/examples/openstack.yaml, looked for above the current folder and above the executable.</summary>
public static class ExampleSpec
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "deploy", "examples", "openstack.yaml");
                if (File.Exists(candidate))
                    return candidate;
            }
        return null;
    }
}
