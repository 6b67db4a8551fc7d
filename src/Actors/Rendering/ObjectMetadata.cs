using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Actors.Rendering;

/// <summary>The metadata and labels every rendered object carries, so the orchestrator can find what it owns.</summary>
public static class ObjectMetadata
{
    /// <summary>Labels of everything rendered for a deployment; service objects add the service label.</summary>
    public static SortedDictionary<string, string> Labels(string deployment, string? service = null)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WellKnown.ManagedByLabel] = WellKnown.ManagedByValue,
            [WellKnown.DeploymentLabel] = deployment,
        };
        if (service is not null)
            labels[WellKnown.ServiceLabel] = service;
        return labels;
    }

    /// <summary>The labels that select one service's pods (a subset of its pod labels that never changes).</summary>
    public static SortedDictionary<string, string> Selector(string deployment, string service) => new(StringComparer.Ordinal)
    {
        [WellKnown.DeploymentLabel] = deployment,
        [WellKnown.ServiceLabel] = service,
    };

    public static V1ObjectMeta For(string name, string? @namespace, IDictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = @namespace,
        Labels = labels,
    };
}
