using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// The stable name of every journaled type. A manifest is part of the journal's format: renaming a C# type
/// never changes it; changing a type's shape incompatibly means a new manifest (".v2") and keeping the old reader.
/// </summary>
public static class EventManifests
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(ServiceSpecChanged)] = "service-spec-changed.v1",
        [typeof(ServiceWaitingForDependencies)] = "service-waiting-for-dependencies.v1",
        [typeof(ServiceApplyStarted)] = "service-apply-started.v1",
        [typeof(ServiceObjectsApplied)] = "service-objects-applied.v1",
        [typeof(ServiceRollingOut)] = "service-rolling-out.v1",
        [typeof(ServiceBecameReady)] = "service-ready.v1",
        [typeof(ServiceDegraded)] = "service-degraded.v1",
        [typeof(ServiceFailed)] = "service-failed.v1",
        [typeof(NodeSpecChanged)] = "node-spec-changed.v1",
        [typeof(NodeLabelled)] = "node-labelled.v1",
        [typeof(NodeHostUnitsWritten)] = "node-host-units-written.v1",
        [typeof(NodeBecameReady)] = "node-ready.v1",
        [typeof(NodeConverging)] = "node-converging.v1",
        [typeof(NodeDegraded)] = "node-degraded.v1",
        [typeof(DeploymentAccepted)] = "deployment-accepted.v1",
        [typeof(DeploymentStatusChanged)] = "deployment-status-changed.v1",
        [typeof(HostServiceReleased)] = "deployment-host-service-released.v1",
    };

    public static readonly IReadOnlyDictionary<string, Type> ByManifest = ByType.ToDictionary(p => p.Value, p => p.Key);
}
