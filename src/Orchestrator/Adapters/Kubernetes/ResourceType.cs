using System.Collections.Concurrent;
using System.Reflection;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// Where a model type lives in the API: its group, version, plural and whether it is namespaced. Read from the
/// <see cref="KubernetesEntityAttribute"/> every KubernetesClient model (and our own resources) carries, so
/// one adapter serves every kind without a typed client per kind.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    // The attribute does not say whether a kind is namespaced, so the cluster-scoped kinds the orchestrator
    // may meet are named here; everything else is namespaced, as in Kubernetes itself.
    private static readonly HashSet<(string Group, string Kind)> ClusterScoped =
    [
        ("", "Node"),
        ("", "Namespace"),
        ("", "PersistentVolume"),
        ("rbac.authorization.k8s.io", "ClusterRole"),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("storage.k8s.io", "StorageClass"),
        ("storage.k8s.io", "CSIDriver"),
        ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "VolumeAttachment"),
        ("networking.k8s.io", "IngressClass"),
        ("scheduling.k8s.io", "PriorityClass"),
        ("node.k8s.io", "RuntimeClass"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        ("apiregistration.k8s.io", "APIService"),
        ("certificates.k8s.io", "CertificateSigningRequest"),
        (HostUnitsResource.Group, HostUnitsResource.KindName),
    ];

    private static readonly ConcurrentDictionary<Type, ResourceType> ByType = new();

    /// <summary>"v1" for the core group, else "group/version", as the object's apiVersion field says.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public static ResourceType Of<T>() => Of(typeof(T));

    public static ResourceType Of(Type modelType) => ByType.GetOrAdd(modelType, Read);

    /// <summary>The collection's path: /api/v1/namespaces/ns/pods, /apis/group/version/plural.</summary>
    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        if (!Namespaced)
            return $"{root}/{Plural}";
        if (string.IsNullOrEmpty(@namespace))
            throw new ArgumentException($"metadata.namespace: {Kind} is namespaced, a namespace is required", nameof(@namespace));
        return $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }

    /// <summary>
    /// Where to list or watch: the namespace's collection, or for a namespaced kind without a namespace the
    /// collection across every namespace (/apis/group/version/plural), as `kubectl get -A` reads it.
    /// </summary>
    public string ListPath(string? @namespace) =>
        Namespaced && string.IsNullOrEmpty(@namespace)
            ? (Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}") + "/" + Plural
            : CollectionPath(@namespace);

    /// <summary>The path of one object; for a cluster-scoped kind the namespace is ignored.</summary>
    public string ItemPath(string? @namespace, string name)
    {
        if (string.IsNullOrEmpty(name))
            throw new ArgumentException($"metadata.name: a {Kind} needs a name", nameof(name));
        return $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";
    }

    /// <summary>The namespace as the API knows it: none for a cluster-scoped kind.</summary>
    public string? ScopeNamespace(string? @namespace) => Namespaced ? @namespace : null;

    private static ResourceType Read(Type modelType)
    {
        var entity = modelType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{modelType.Name} carries no KubernetesEntity attribute, so its API path is unknown", nameof(modelType));
        if (string.IsNullOrEmpty(entity.Kind) || string.IsNullOrEmpty(entity.ApiVersion) || string.IsNullOrEmpty(entity.PluralName))
            throw new ArgumentException($"{modelType.Name}: its KubernetesEntity attribute lacks kind, version or plural", nameof(modelType));
        var group = entity.Group ?? "";
        return new ResourceType(group, entity.ApiVersion, entity.Kind, entity.PluralName, !ClusterScoped.Contains((group, entity.Kind)));
    }
}
