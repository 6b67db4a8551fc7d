using k8s;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Services;

/// <summary>
/// A service's part of a rendered deployment, as its supervisor receives it: its objects, the hash its running pods
/// (api, pinned) or units (host) must carry to count as current, the nodes that run a host service's unit, and the hash
/// of each config and secret file (so a cause can name the file that changed).
/// </summary>
public sealed record ServicePart(
    ServiceKind Kind,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects,
    string RunningHash,
    IReadOnlyList<string> ExpectedNodes,
    IReadOnlyDictionary<string, string> FileHashes)
{
    // The generated ToString would print every object, Secret data included (a dead letter is logged by its ToString).
    public override string ToString() => $"ServicePart {{ {Kind}, {Objects.Count} objects, running hash {RunningHash} }}";
}
