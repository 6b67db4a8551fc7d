using System.Text;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// A service's configuration files as a ConfigMap and its secret files as a Secret, and the hash of both:
/// the value its pod template (or host unit) carries, so a change to either rolls exactly that service.
/// <see cref="FileHashes"/> names each file's hash for the audit ("secret db-password hash 3f2a -> 9c1d"); a secret
/// file's is keyed with the deployment's <see cref="HashKey"/>, as is <see cref="SecretHash"/>.
/// </summary>
public sealed record ServiceFiles(V1ConfigMap ConfigMap, V1Secret Secret, string ConfigHash, string SecretHash,
    IReadOnlyDictionary<string, string> FileHashes)
{
    /// <summary>The hash of both, as a pod template (or a host unit's hash) carries it.</summary>
    public string Hash => HostUnitHash.OfFiles(ConfigHash, SecretHash);

    public static ServiceFiles For(ServiceSpec service, string deployment, string @namespace, HashKey key)
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
        // The secret values enter only hashes keyed with the deployment's key, never a plain digest or anything logged.
        var fileHashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, content) in service.Config)
            fileHashes[name] = Deployments.StateHash.Of(content);
        foreach (var (name, content) in service.Secrets)
            fileHashes["secret " + name] = key.Of(content);
        return new ServiceFiles(configMap, secret, HostUnitHash.OfConfig(service.Config),
            HostUnitHash.OfSecret(service.Secrets.ToList(), key), fileHashes);
    }

    private static SortedDictionary<string, T> Sorted<T>(IReadOnlyDictionary<string, string> files, Func<string, T> value)
    {
        var sorted = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, content) in files)
            sorted[name] = value(content);
        return sorted;
    }
}
