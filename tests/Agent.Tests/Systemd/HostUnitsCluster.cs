using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Messages.HostUnits;
using Orchestrator.SimulatedCluster;
using Serilog;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>
/// The simulated cluster in the test process, over real HTTP, with the HostUnits CRD installed; the test plays
/// the NodeSupervisor through the real Kubernetes adapter (writes the spec, reads the agent's status).
/// </summary>
public sealed class HostUnitsCluster : IAsyncDisposable
{
    public const string Namespace = "openstack";

    /// <summary>The deployment's hash key, in its Secret from the start as the orchestrator writes it before any HostUnits.</summary>
    public static readonly Actors.Rendering.HashKey Key = Actors.Rendering.HashKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());

    private HostUnitsCluster(SimulatedCluster.SimulatedCluster cluster, KubernetesAdapter kubernetes, string kubeconfig)
    {
        Cluster = cluster;
        Kubernetes = kubernetes;
        Kubeconfig = kubeconfig;
    }

    public SimulatedCluster.SimulatedCluster Cluster { get; }
    public KubernetesAdapter Kubernetes { get; }
    public string Kubeconfig { get; }

    public static async Task<HostUnitsCluster> StartAsync(string folder)
    {
        var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions { Nodes = SimulatedClusterOptions.WithNodes(1) });
        var kubeconfig = WriteKubeconfig(Path.Combine(Path.GetFullPath(folder), "kubeconfig"), cluster.BaseUri);
        var kubernetes = KubernetesAdapterFactory.FromConfiguration(cluster.ClientConfiguration(), new LoggerConfiguration().CreateLogger());
        await kubernetes.ApplyAsync(Definition(), default);
        await kubernetes.ApplyAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, default);
        await kubernetes.ApplyAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = Actors.Rendering.ResourceNames.HashKeySecret, NamespaceProperty = Namespace },
            Data = Key.ToSecretData(),
        }, default);
        return new HostUnitsCluster(cluster, kubernetes, kubeconfig);
    }

    /// <summary>A kubeconfig for the cluster as reached at this address (its own, or a forwarder's).</summary>
    public static string WriteKubeconfig(string path, Uri server)
    {
        // Written for a server address the test chooses (a forwarder into the agent's network namespace), with the
        // simulated cluster's admin token: the server authenticates tokens, and an unknown one is 401.
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: simulated
              cluster:
                server: {{server.GetLeftPart(UriPartial.Authority)}}
            users:
            - name: simulated
              user:
                token: {{Orchestrator.SimulatedCluster.KubeconfigWriter.Token}}
            contexts:
            - name: simulated
              context: {cluster: simulated, user: simulated}
            current-context: simulated

            """);
        return path;
    }

    public Task WriteUnitsAsync(string node, params HostUnitSpec[] units) =>
        Kubernetes.ApplyAsync(new HostUnitsResource { Metadata = new V1ObjectMeta { Name = node }, Spec = new HostUnitsSpec(node, units) }, default);

    public Task WriteConfigAsync(string name, IDictionary<string, string> data) =>
        Kubernetes.ApplyAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace }, Data = data }, default);

    public Task WriteSecretAsync(string name, IDictionary<string, string> data) =>
        Kubernetes.ApplyAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Data = data.ToDictionary(pair => pair.Key, pair => System.Text.Encoding.UTF8.GetBytes(pair.Value)),
        }, default);

    public async Task<IReadOnlyList<HostUnitStatus>> StatusAsync(string node) =>
        (await Kubernetes.GetAsync<HostUnitsResource>(null, node, default))?.Status?.Units ?? [];

    public async ValueTask DisposeAsync()
    {
        Kubernetes.Dispose();
        await Cluster.DisposeAsync();
    }

    private static V1CustomResourceDefinition Definition() => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{HostUnitsResource.Plural}.{HostUnitsResource.Group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = HostUnitsResource.Group,
            Scope = "Cluster",
            Names = new V1CustomResourceDefinitionNames { Plural = HostUnitsResource.Plural, Singular = "hostunits", Kind = HostUnitsResource.KindName },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = HostUnitsResource.Version, Served = true, Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                },
            ],
        },
    };
}
