using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// Readiness of a host service: every node that must run it reports its unit active with the current hash.
/// A unit the agent reports failed breaks the service with the agent's last error.
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
