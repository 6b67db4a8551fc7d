using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// Readiness of a host service: every node that must run it reports its unit active with the current hash.
/// A unit the agent reports failed, or could not install the current hash of, breaks the service with the agent's last error.
/// </summary>
public static class HostServiceReadiness
{
    public static Readiness Evaluate(IReadOnlyList<string> expectedNodes, IReadOnlyList<HostUnitObservation> units, string expectedHash)
    {
        var byNode = units.ToDictionary(u => u.Node, StringComparer.Ordinal);
        foreach (var node in expectedNodes.Order(StringComparer.Ordinal))
        {
            if (byNode.TryGetValue(node, out var unit) && unit.Failed)
                return Readiness.Broken($"unit on {node} failed, {unit.Restarts} restarts: {unit.LastError ?? "no error reported"}");
            // The agent could not install the current hash (a refused source, a failed copy): said at the first failure,
            // while the agent still retries, rather than as "no reason" until it gives up.
            if (unit is { LastError: { } error } && unit.ObservedHash != expectedHash)
                return Readiness.Broken($"unit on {node} not installed, the agent retries: {error}");
        }
        foreach (var node in expectedNodes.Order(StringComparer.Ordinal))
        {
            if (!byNode.TryGetValue(node, out var unit))
                return Readiness.Progressing($"no report from the agent on {node} yet");
            if (unit.ObservedHash != expectedHash)
                return Readiness.Progressing($"unit on {node} runs hash {WorkloadReadiness.Short(unit.ObservedHash)}, expected {WorkloadReadiness.Short(expectedHash)}");
            if (!unit.Active)
                return Readiness.Progressing($"unit on {node} not active yet");
        }
        return Readiness.Ready($"unit active on {expectedNodes.Count} node(s) with hash {WorkloadReadiness.Short(expectedHash)}");
    }
}
