using Akka.Cluster.Sharding;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Nodes;

/// <summary>Routes the whole node protocol to the entity named after the node (<see cref="IWithNodeName"/>).</summary>
public sealed class NodeShardExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public const string TypeName = "node";

    public override string? EntityId(object message) => message is IWithNodeName named ? named.NodeName : null;
}
