using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>Services ordered so that each comes after what it depends on; ties keep the spec's order.</summary>
public static class DependencyOrder
{
    public static IReadOnlyList<ServiceSpec> Of(IReadOnlyList<ServiceSpec> services)
    {
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var ordered = new List<ServiceSpec>(services.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = services.ToList();
        while (remaining.Count > 0)
        {
            // The first service (in spec order) whose known dependencies are all placed. Validation rejects
            // cycles; should one slip through, the rest keep spec order rather than vanish.
            var next = remaining.FirstOrDefault(s => s.DependsOn.All(d => placed.Contains(d) || !byName.ContainsKey(d)))
                       ?? remaining[0];
            ordered.Add(next);
            placed.Add(next.Name);
            remaining.Remove(next);
        }
        return ordered;
    }
}
