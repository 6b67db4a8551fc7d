using Akka.Cluster.Sharding;
using Orchestrator.Actors.Deployments;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// Routes the whole node protocol (<see cref="IWithNodeName"/>, in a <see cref="DeploymentEnvelope"/>) to the entity
/// of that node as that deployment knows it. Which deployment may use a node is decided on the Node object itself
/// (see <see cref="NodeClaim"/>), not by the entity id.
/// </summary>
public sealed class NodeShardExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public const string TypeName = "node";

    public override string? EntityId(object message) =>
        message is DeploymentEnvelope { Message: IWithNodeName named } envelope ? EntityIds.Part(envelope.Deployment, named.NodeName) : null;

    public override object EntityMessage(object message) => message is DeploymentEnvelope envelope ? envelope.Message : message;
}
