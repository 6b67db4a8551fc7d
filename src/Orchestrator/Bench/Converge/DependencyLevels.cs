using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Converge;

/// <summary>
/// Each service's dependency level: 1 for a service that depends on nothing, else one more than its deepest dependency.
/// The deepest level is the longest `dependsOn` chain, counted in services: the critical path's length.
/// </summary>
public static class DependencyLevels
{
    public static IReadOnlyDictionary<string, int> Of(OpenStackDeployment deployment)
    {
        var services = deployment.Spec.Services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        int Level(string name, int guard)
        {
            if (levels.TryGetValue(name, out var known))
                return known;
            if (guard > services.Count)
                throw new InvalidOperationException($"a dependency cycle through {name}");
            var deps = services.TryGetValue(name, out var s) ? s.DependsOn ?? [] : [];
            var level = 1 + deps.Where(services.ContainsKey).Select(d => Level(d, guard + 1)).DefaultIfEmpty(0).Max();
            levels[name] = level;
            return level;
        }
        foreach (var name in services.Keys)
            Level(name, 0);
        return levels;
    }
}
