using System.Text;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// A service's configuration files as a ConfigMap and its secret files as a Secret, and the hash of both:
/// the value its pod template (or host unit) carries, so a change to either rolls exactly that service.
/// </summary>
public sealed record ServiceFiles(V1ConfigMap ConfigMap, V1Secret Secret, string Hash)
{
    public static ServiceFiles For(ServiceSpec service, string deployment, string @namespace)
    {
        var configMap = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = V1ConfigMap.KubeKind,
            Metadata = ObjectMetadata.For(ResourceNames.ConfigMap(service.Name), @namespace, ObjectMetadata.Labels(deployment, service.Name)),
            Data = service.Config.Count == 0 ? null : Sorted(service.Config, content => content),
        };
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = V1Secret.KubeKind,
            Metadata = ObjectMetadata.For(ResourceNames.Secret(service.Name), @namespace, ObjectMetadata.Labels(deployment, service.Name)),
            Type = "Opaque",
            Data = service.Secrets.Count == 0 ? null : Sorted(service.Secrets, Encoding.UTF8.GetBytes),
        };
        // The secret values enter only a SHA-256 digest, never the hash input of anything that is logged.
        var hash = ContentHash.Combine(ContentHash.OfFiles(service.Config), ContentHash.OfFiles(service.Secrets));
        return new ServiceFiles(configMap, secret, hash);
    }

    private static SortedDictionary<string, T> Sorted<T>(IReadOnlyDictionary<string, string> files, Func<string, T> value)
    {
        var sorted = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, content) in files)
            sorted[name] = value(content);
        return sorted;
    }
}
