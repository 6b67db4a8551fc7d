using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// Writes core/v1 Events about an object, as a real component does, so that `kubectl describe` and
/// `kubectl get events` show why (a pod that cannot be scheduled, for one).
/// </summary>
public sealed class EventRecorder(ObjectStore store, TimeProvider clock, string component)
{
    public void Warning(ResourceType type, JsonObject about, string reason, string message)
    {
        var now = ObjectMetadata.Timestamp(clock.GetUtcNow());
        store.Create(BuiltInResources.Events, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                // A real recorder names an event after its object and a unique suffix.
                ["name"] = $"{about.Name()}.{Guid.NewGuid():N}"[..(about.Name().Length + 17)],
                ["namespace"] = about.Namespace(),
            },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = type.GroupVersion,
                ["kind"] = type.Kind,
                ["namespace"] = about.Namespace(),
                ["name"] = about.Name(),
                ["uid"] = about.Uid(),
                ["resourceVersion"] = about.ResourceVersion(),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = "Warning",
            ["count"] = 1,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["source"] = new JsonObject { ["component"] = component },
            ["reportingComponent"] = component,
            ["reportingInstance"] = component,
        });
    }
}
