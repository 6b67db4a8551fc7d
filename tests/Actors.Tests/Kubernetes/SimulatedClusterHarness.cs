using k8s;
using k8s.Models;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.SimulatedCluster;
using SimulatedKubernetes = Orchestrator.SimulatedCluster.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>
/// A simulated cluster on 127.0.0.1 and adapters that talk to it over HTTP through the real KubernetesClient,
/// with short retry delays so that fault tests stay fast. `Other` is a second client: another writer.
/// </summary>
public sealed class SimulatedClusterHarness : IAsyncDisposable
{
    public const string Namespace = "openstack";

    public static readonly KubernetesAdapterOptions FastRetries = new()
    {
        InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        RetryBudget = TimeSpan.FromSeconds(10),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly List<KubernetesAdapter> adapters = [];

    private SimulatedClusterHarness(SimulatedKubernetes cluster)
    {
        Cluster = cluster;
        Other = cluster.CreateClient();
    }

    public SimulatedKubernetes Cluster { get; }
    public k8s.IKubernetes Other { get; }
    public CapturedLog Log { get; } = new();

    public static async Task<SimulatedClusterHarness> StartAsync(SimulatedClusterOptions? options = null)
    {
        var harness = new SimulatedClusterHarness(await SimulatedKubernetes.StartAsync(options));
        await harness.Other.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        return harness;
    }

    public KubernetesAdapter Adapter(KubernetesAdapterOptions? options = null, params DelegatingHandler[] handlers)
    {
        var adapter = KubernetesAdapterFactory.FromConfiguration(Cluster.ClientConfiguration(), Log.Logger, options ?? FastRetries, handlers);
        adapters.Add(adapter);
        return adapter;
    }

    public static V1ConfigMap ConfigMap(string name, string hash, string value = "x") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = Namespace,
            Annotations = new Dictionary<string, string> { [Orchestrator.Actors.Kubernetes.WellKnown.DesiredHashAnnotation] = hash },
        },
        Data = new Dictionary<string, string> { ["value"] = value },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var adapter in adapters)
            adapter.Dispose();
        Other.Dispose();
        await Cluster.DisposeAsync();
    }
}
