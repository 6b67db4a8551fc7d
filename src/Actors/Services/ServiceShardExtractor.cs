using Akka.Cluster.Sharding;
using Orchestrator.Actors.Deployments;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// Routes the whole service protocol (<see cref="IWithServiceName"/>, in a <see cref="DeploymentEnvelope"/>) to the
/// entity of that service of that deployment.
/// </summary>
public sealed class ServiceShardExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public const string TypeName = "service";

    public override string? EntityId(object message) =>
        message is DeploymentEnvelope { Message: IWithServiceName named } envelope ? EntityIds.Part(envelope.Deployment, named.ServiceName) : null;

    public override object EntityMessage(object message) => message is DeploymentEnvelope envelope ? envelope.Message : message;
}
