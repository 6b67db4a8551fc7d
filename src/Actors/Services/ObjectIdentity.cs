using System.Collections.Concurrent;
using System.Reflection;
using k8s;
using k8s.Models;

namespace Orchestrator.Actors.Services;

/// <summary>
/// One of a service's objects, known by its kind and name: all of them live in the deployment's namespace. The kind is
/// read from the model type (as the adapter's paths are), so a desired object and its watched copy always match.
/// </summary>
public readonly record struct ObjectIdentity(string Kind, string Name)
{
    private static readonly ConcurrentDictionary<Type, string?> Kinds = new();

    public static ObjectIdentity Of(IKubernetesObject<V1ObjectMeta> @object) =>
        new(KindOf(@object.GetType()) ?? @object.Kind ?? "", @object.Metadata?.Name ?? "");

    public static string? KindOf(Type model) => Kinds.GetOrAdd(model, t => t.GetCustomAttribute<KubernetesEntityAttribute>()?.Kind);

    public override string ToString() => $"{Kind.ToLowerInvariant()} {Name}";
}
