using Akka.Cluster.Sharding;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>Routes the whole service protocol to the entity named after the service (<see cref="IWithServiceName"/>).</summary>
public sealed class ServiceShardExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public const string TypeName = "service";

    public override string? EntityId(object message) => message is IWithServiceName named ? named.ServiceName : null;
}
