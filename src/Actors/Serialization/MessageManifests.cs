using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Services;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// The stable name of every message that may cross cluster members (<see cref="Orchestrator.Messages.IClusterMessage"/>).
/// Two members of different builds meet during a rolling upgrade: renaming a C# type never changes its manifest, and a
/// change of shape that an older member cannot read means a new manifest (".v2").
/// </summary>
public static class MessageManifests
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(DeploymentEnvelope)] = "deployment-envelope.v1",
        [typeof(ReconcileDeployment)] = "reconcile-deployment.v1",
        [typeof(DeploymentRemoved)] = "deployment-removed.v1",
        [typeof(GetDeploymentStatus)] = "get-deployment-status.v1",
        [typeof(DeploymentStatusResult)] = "deployment-status-result.v1",
        [typeof(ConfigureService)] = "configure-service.v1",
        [typeof(ObserveWorkload)] = "observe-workload.v1",
        [typeof(ObserveHostUnits)] = "observe-host-units.v1",
        [typeof(ObserveObjects)] = "observe-objects.v1",
        [typeof(GetServiceStatus)] = "get-service-status.v1",
        [typeof(ServiceStatusReport)] = "service-status-report.v1",
        [typeof(RecordObjectsApplied)] = "record-objects-applied.v1",
        [typeof(RecordApplyFailure)] = "record-apply-failure.v1",
        [typeof(PauseServiceWrites)] = "pause-service-writes.v1",
        [typeof(ConfigureNode)] = "configure-node.v1",
        [typeof(RecordNodeLabelled)] = "record-node-labelled.v1",
        [typeof(RecordHostUnitsWritten)] = "record-host-units-written.v1",
        [typeof(RecordNodeWriteFailure)] = "record-node-write-failure.v1",
        [typeof(ObserveNode)] = "observe-node.v1",
        [typeof(GetNodeStatus)] = "get-node-status.v1",
        [typeof(NodeStatusReport)] = "node-status-report.v1",
        [typeof(RecordNodeClaimRefused)] = "record-node-claim-refused.v1",
        [typeof(PauseNodeWrites)] = "pause-node-writes.v1",
    };

    public static readonly IReadOnlyDictionary<string, Type> ByManifest = ByType.ToDictionary(p => p.Value, p => p.Key);
}
