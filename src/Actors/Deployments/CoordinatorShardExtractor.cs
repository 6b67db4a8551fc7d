using Akka.Cluster.Sharding;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// Routes a <see cref="DeploymentEnvelope"/> to the coordinator of its deployment: one entity per deployment, so that
/// the members of a cluster share the deployments between them and none holds every deployment's state.
/// </summary>
public sealed class CoordinatorShardExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public const string TypeName = "deployment";

    public override string? EntityId(object message) =>
        message is DeploymentEnvelope envelope ? EntityIds.Coordinator(envelope.Deployment) : null;

    public override object EntityMessage(object message) => message is DeploymentEnvelope envelope ? envelope.Message : message;
}
