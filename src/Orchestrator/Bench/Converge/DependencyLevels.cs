using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Converge;

/// <summary>
/// Each service's dependency level: 1 for a service that depends on nothing, else one more than its deepest dependency.
/// The deepest level is the longest `dependsOn` chain, counted in services: the critical path's length.
/// </summary>
public static class DependencyLevels
{
    public static IReadOnlyDictionary<string, int> Of(OpenStackDeployment deployment) =>
        Chains(DependsOn(deployment), _ => 1).ToDictionary(c => c.Key, c => (int)c.Value, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> DependsOn(OpenStackDeployment deployment) =>
        deployment.Spec.Services.ToDictionary(s => s.Name, s => (IReadOnlyList<string>)(s.DependsOn ?? []), StringComparer.Ordinal);

    /// <summary>
    /// For each service, the heaviest chain of `dependsOn` that ends with it, each service on it weighing
    /// <paramref name="weight"/> (dependencies the spec does not name are left out).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Chains(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn, Func<string, double> weight)
    {
        var chains = new Dictionary<string, double>(StringComparer.Ordinal);
        double Chain(string service, int guard)
        {
            if (chains.TryGetValue(service, out var known))
                return known;
            if (guard > dependsOn.Count)
                throw new InvalidOperationException($"a dependency cycle through {service}");
            var before = dependsOn[service].Where(dependsOn.ContainsKey).Select(d => Chain(d, guard + 1)).DefaultIfEmpty(0).Max();
            return chains[service] = before + weight(service);
        }
        foreach (var service in dependsOn.Keys)
            Chain(service, 0);
        return chains;
    }
}
