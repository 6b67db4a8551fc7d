using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// What the supervisors must make true, cut to each one's part of a (valid) deployment. The coordinator prepares
/// a deployment once (rendering it, with inputs only the cluster holds, such as an earlier generated TLS key);
/// the supervisors then ask for their part of that same rendering, so every part agrees with every other.
/// </summary>
public interface IDesiredState
{
    /// <summary>Renders the deployment and returns the objects it shares (namespace, TLS secret, agent DaemonSet), applied first.</summary>
    Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> PrepareAsync(OpenStackDeployment deployment, CancellationToken cancellationToken);

    ServiceObjects ForService(OpenStackDeployment deployment, string service);

    NodeObjects ForNode(OpenStackDeployment deployment, string node);

    /// <summary>Every object the deployment renders, for pruning what it no longer names; null when unknown (then nothing is pruned).</summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>>? AllObjects(OpenStackDeployment deployment) => null;
}

/// <summary>
/// A service's objects, and the hash its running pods (api, pinned) or units (host) must carry to count as
/// current; <see cref="ExpectedNodes"/> are the nodes that run a host service's unit. <see cref="FileHashes"/> names
/// each of its files with its hash for the journal, a secret file's keyed with the deployment's hash key (which only
/// the rendering knows), so that no plain digest of a secret value is ever persisted.
/// </summary>
public sealed record ServiceObjects(
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects,
    string RunningHash,
    IReadOnlyList<string> ExpectedNodes,
    IReadOnlyDictionary<string, string> FileHashes);

/// <summary>A node's labels (null removes one) and its HostUnits object (null when it runs no host service).</summary>
public sealed record NodeObjects(IReadOnlyDictionary<string, string?> Labels, HostUnitsResource? HostUnits);
