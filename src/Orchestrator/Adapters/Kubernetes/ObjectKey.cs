using k8s;
using k8s.Models;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>An object's identity within one watched kind: namespace (empty when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> @object) =>
        new(@object.Metadata?.NamespaceProperty ?? "", @object.Metadata?.Name ?? "");

    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}
