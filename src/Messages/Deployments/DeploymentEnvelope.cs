namespace Orchestrator.Messages.Deployments;

/// <summary>
/// A message for an entity of one deployment, as it travels to a shard region: the coordinator of
/// <see cref="Deployment"/>, or that deployment's service or node the message itself names. The shard extractors
/// make the entity id from both, so two deployments' `keystone` (or `node-1`) are two entities.
/// </summary>
public sealed record DeploymentEnvelope(DeploymentKey Deployment, IClusterMessage Message) : IClusterMessage;
