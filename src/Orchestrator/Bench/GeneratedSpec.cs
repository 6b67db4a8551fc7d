using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench;

/// <summary>
/// A spec the bench generates, read back through the same loader `apply -f` uses, so that what is measured is what a
/// user's file would give; a generator that wrote something invalid is a bug of the bench, said at once.
/// </summary>
public static class GeneratedSpec
{
    public static OpenStackDeployment Write(string file, string yaml, string what)
    {
        File.WriteAllText(file, yaml);
        return Load(file, what);
    }

    public static OpenStackDeployment Load(string file, string what)
    {
        var loaded = SpecLoader.Load(file);
        return loaded.Deployment ?? throw new InvalidOperationException($"{what} is invalid: " + string.Join("; ", loaded.Errors));
    }
}
