using k8s;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// The objects that had to change between two specs: rendered both ways (the second with the first's TLS material,
/// as the orchestrator keeps it), the objects that are new or whose serialized form differs.
/// </summary>
public static class ChangedObjects
{
    public static int Between(string specBefore, string specAfter)
    {
        var before = DesiredStateRenderer.Render(Load(specBefore), null);
        var after = DesiredStateRenderer.Render(Load(specAfter), before.Tls, hashKey: before.HashKey);
        var old = new Dictionary<string, string>();
        foreach (var o in before.Objects)
            old[Key(o)] = KubernetesJson.Serialize(o);
        return after.Objects.Count(o => !old.TryGetValue(Key(o), out var json) || json != KubernetesJson.Serialize(o));
    }

    private static string Key(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> o) => $"{o.Kind}/{o.Metadata.NamespaceProperty}/{o.Metadata.Name}";

    private static OpenStackDeployment Load(string file) => GeneratedSpec.Load(file, "the spec");
}
