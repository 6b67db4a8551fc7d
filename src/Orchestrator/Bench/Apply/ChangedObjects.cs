using k8s;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// The objects that had to change, counted from the specs, never from what was written: the rendered objects (the
/// second spec rendered with the first's TLS material, as the orchestrator keeps it) that are new or whose serialized
/// form differs, and the objects `apply` writes for the document itself: the OpenStackDeployment (new, or its spec
/// changed) and, on an empty server, the two CustomResourceDefinitions the orchestrator installs (OpenStackDeployment
/// and HostUnits).
/// </summary>
public static class ChangedObjects
{
    /// <summary>What must be created on an empty server: every rendered object, the two definitions and the OpenStackDeployment.</summary>
    public static (int Rendered, int Document) OnEmptyServer(string spec)
    {
        // OpenStackDeploymentDefinition and HostUnitsDefinition, and the OpenStackDeployment.
        const int document = 3;
        return (DesiredStateRenderer.Render(Load(spec), null).Objects.Count, document);
    }

    /// <summary>What must change from <paramref name="specBefore"/> to <paramref name="specAfter"/>.</summary>
    public static (int Rendered, int Document) Between(string specBefore, string specAfter)
    {
        var (first, second) = (Load(specBefore), Load(specAfter));
        var before = DesiredStateRenderer.Render(first, null);
        var after = DesiredStateRenderer.Render(second, before.Tls, hashKey: before.HashKey);
        var old = new Dictionary<string, string>();
        foreach (var o in before.Objects)
            old[Key(o)] = KubernetesJson.Serialize(o);
        var rendered = after.Objects.Count(o => !old.TryGetValue(Key(o), out var json) || json != KubernetesJson.Serialize(o));
        var documentChanged = CustomResourceSpec.ToJson(first.Spec).ToJsonString() != CustomResourceSpec.ToJson(second.Spec).ToJsonString();
        return (rendered, documentChanged ? 1 : 0);
    }

    private static string Key(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> o) => $"{o.Kind}/{o.Metadata.NamespaceProperty}/{o.Metadata.Name}";

    private static OpenStackDeployment Load(string file) => GeneratedSpec.Load(file, "the spec");
}
