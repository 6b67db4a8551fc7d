using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The desired state of a valid spec: every Kubernetes object and host unit it becomes. Pure and deterministic:
/// the same spec and the same TLS material give byte-identical objects. The only input that is not the spec is
/// the TLS material generated earlier (when tls.generate); it is reused as long as it still serves the domain, so
/// the key is made once and then read back, never made anew on each render. The deployment's <see cref="HashKey"/>
/// is the same kind of input: made once (when none is given), kept in its own Secret, read back.
/// </summary>
public static class DesiredStateRenderer
{
    /// <param name="hashKey">The deployment's key for hashes of secret content, as read back from its Secret; null makes one.</param>
    public static RenderedDeployment Render(OpenStackDeployment deployment, TlsMaterial? existingTls, TimeProvider? clock = null, HashKey? hashKey = null)
    {
        var key = hashKey ?? HashKey.Generate();
        var spec = deployment.Spec;
        var name = deployment.Metadata.Name;
        var @namespace = deployment.Metadata.Namespace;
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();

        objects.Add(new V1Namespace
        {
            ApiVersion = "v1",
            Kind = V1Namespace.KubeKind,
            Metadata = ObjectMetadata.For(@namespace, null, ObjectMetadata.Labels(name)),
        });

        var nodeLabels = spec.Nodes.ToDictionary(
            node => node.Name,
            node => (IReadOnlyDictionary<string, string>)new SortedDictionary<string, string>(
                node.Roles.Distinct().ToDictionary(NodeRoles.Label, _ => ""), StringComparer.Ordinal),
            StringComparer.Ordinal);
        // Node objects carry only a name and labels, so `kubectl apply` adds the labels and touches nothing else.
        objects.AddRange(spec.Nodes.Select(node => new V1Node
        {
            ApiVersion = "v1",
            Kind = V1Node.KubeKind,
            Metadata = new V1ObjectMeta { Name = node.Name, Labels = new SortedDictionary<string, string>(nodeLabels[node.Name].ToDictionary(), StringComparer.Ordinal) },
        }));

        var keySecret = HashKeySecret(deployment, key);
        objects.Add(keySecret);
        var shared = new List<IKubernetesObject<V1ObjectMeta>> { objects[0], keySecret };
        TlsMaterial? tls = null;
        if (spec.Tls.Generate)
        {
            var now = (clock ?? TimeProvider.System).GetUtcNow();
            tls = existingTls is not null && existingTls.Serves(spec.Domain, now)
                ? existingTls
                : WildcardCertificate.Create(spec.Domain, now);
            var secret = TlsSecret(deployment, tls);
            objects.Add(secret);
            shared.Add(secret);
        }

        var order = DependencyOrder.Of(spec.Services);
        var serviceObjects = new Dictionary<string, IReadOnlyList<IKubernetesObject<V1ObjectMeta>>>(StringComparer.Ordinal);
        var configHashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var fileHashes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var hostServices = new List<(ServiceSpec, ServiceFiles)>();
        foreach (var service in order)
        {
            var files = ServiceFiles.For(service, name, @namespace, key);
            configHashes[service.Name] = files.Hash;
            fileHashes[service.Name] = files.FileHashes;
            var own = new List<IKubernetesObject<V1ObjectMeta>> { files.ConfigMap, files.Secret };
            switch (service.Kind)
            {
                case ServiceKind.Api:
                    own.AddRange(ApiServiceRenderer.Render(service, deployment, files.Hash));
                    break;
                case ServiceKind.Pinned:
                    own.AddRange(PinnedServiceRenderer.Render(service, deployment, files.Hash));
                    break;
                case ServiceKind.Host:
                    hostServices.Add((service, files));
                    break;
            }
            serviceObjects[service.Name] = own;
            objects.AddRange(own);
        }

        var hostUnits = HostUnitsRenderer.Render(deployment, hostServices);
        objects.AddRange(hostUnits);
        if (hostServices.Count > 0)
        {
            var agent = NodeAgentRenderer.Render(deployment, hostUnits);
            objects.AddRange(agent);
            shared.AddRange(agent);
        }

        OwnerReferences.Stamp(deployment, objects);
        foreach (var item in objects)
            StampDesiredHash(item, key);

        return new RenderedDeployment(
            objects,
            shared,
            order.Select(s => s.Name).ToList(),
            serviceObjects,
            configHashes,
            fileHashes,
            hostUnits.ToDictionary(h => h.Metadata.Name, StringComparer.Ordinal),
            nodeLabels,
            tls,
            key);
    }

    /// <summary>The Secret that keeps the hash key: made once, then read back before each rendering.</summary>
    private static V1Secret HashKeySecret(OpenStackDeployment deployment, HashKey key) => new()
    {
        ApiVersion = "v1",
        Kind = V1Secret.KubeKind,
        Metadata = ObjectMetadata.For(ResourceNames.HashKeySecret, deployment.Metadata.Namespace, ObjectMetadata.Labels(deployment.Metadata.Name)),
        Type = "Opaque",
        Data = key.ToSecretData(),
    };

    private static V1Secret TlsSecret(OpenStackDeployment deployment, TlsMaterial tls) => new()
    {
        ApiVersion = "v1",
        Kind = V1Secret.KubeKind,
        Metadata = ObjectMetadata.For(deployment.Spec.Tls.SecretName, deployment.Metadata.Namespace, ObjectMetadata.Labels(deployment.Metadata.Name)),
        Type = "kubernetes.io/tls",
        Data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [TlsMaterial.CertificateKey] = Encoding.UTF8.GetBytes(tls.CertificatePem),
            [TlsMaterial.PrivateKeyKey] = Encoding.UTF8.GetBytes(tls.PrivateKeyPem),
        },
    };

    /// <summary>
    /// Writes the hash of the object as rendered (without this annotation) into it; the apply adapter compares it
    /// with the observed object's and skips the write when they agree. A Secret's is keyed: it is the one hash of the
    /// Secret's content that its supervisor's journal holds (through the spec hash of its objects).
    /// </summary>
    private static void StampDesiredHash(IKubernetesObject<V1ObjectMeta> item, HashKey key)
    {
        item.Metadata.Annotations?.Remove(WellKnown.DesiredHashAnnotation);
        if (item.Metadata.Annotations is { Count: 0 })
            item.Metadata.Annotations = null;
        var hash = item is V1Secret { Data.Count: > 0 } ? ContentHash.Of(item, key) : ContentHash.Of(item);
        item.Metadata.Annotations ??= new SortedDictionary<string, string>(StringComparer.Ordinal);
        item.Metadata.Annotations[WellKnown.DesiredHashAnnotation] = hash;
    }
}
