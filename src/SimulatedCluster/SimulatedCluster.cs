using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Controllers;
using Orchestrator.SimulatedCluster.Faults;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster;

/// <summary>
/// A running simulated Kubernetes cluster: an API server on 127.0.0.1 (plain http), its store, its
/// controllers, scheduler and kubelets. Start one with <see cref="StartAsync"/>; talk to it with the real
/// KubernetesClient (<see cref="ClientConfiguration"/>) or kubectl (<see cref="WriteKubeconfig"/>).
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ControlPlane _controlPlane;
    private readonly ApiServer _server;

    private SimulatedCluster(WebApplication app, ObjectStore store, ResourceRegistry registry, RequestCounters counters,
        FaultInjection faults, ControlPlane controlPlane, ApiServer server, Uri baseUri, IReadOnlyList<string> nodeNames)
    {
        _app = app;
        _server = server;
        Store = store;
        Registry = registry;
        Counters = counters;
        Faults = faults;
        _controlPlane = controlPlane;
        BaseUri = baseUri;
        NodeNames = nodeNames;
    }

    /// <summary>Where the API server listens, e.g. http://127.0.0.1:38117/.</summary>
    public Uri BaseUri { get; }

    public IReadOnlyList<string> NodeNames { get; }

    /// <summary>Requests answered, per verb and resource, with their status codes (409s included).</summary>
    public RequestCounters Counters { get; }

    /// <summary>The injected faults, all off until set; they take effect at once.</summary>
    public FaultInjection Faults { get; }

    /// <summary>The store behind the API, for assertions that must not go through (and count as) requests.</summary>
    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    /// <summary>A pod's containers started running on a node (after the kubelet's delay).</summary>
    public event Action<PodLifecycleEvent>? PodStarted
    {
        add => _controlPlane.Kubelets.PodStarted += value;
        remove => _controlPlane.Kubelets.PodStarted -= value;
    }

    /// <summary>A pod that ran on a node stopped (deleted, evicted or its node went away).</summary>
    public event Action<PodLifecycleEvent>? PodStopped
    {
        add => _controlPlane.Kubelets.PodStopped += value;
        remove => _controlPlane.Kubelets.PodStopped -= value;
    }

    public static async Task<SimulatedCluster> StartAsync(SimulatedClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatedClusterOptions();
        var duplicate = options.Nodes.GroupBy(n => n.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"the node \"{duplicate.Key}\" is named twice", nameof(options));
        var store = new ObjectStore(options.Clock, options.WatchHistory);
        var registry = new ResourceRegistry();
        var counters = new RequestCounters();
        var faults = new FaultInjection(options.Seed);
        ClusterBootstrap.Seed(store, options.Nodes, options.Clock.GetUtcNow());
        var controlPlane = new ControlPlane(store, faults, options);
        var server = new ApiServer(store, registry, counters, faults, options.Clock, options.BookmarkInterval);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(server.Handle);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.Replace("[::1]", "127.0.0.1").TrimEnd('/') + "/");
        controlPlane.Start();
        return new SimulatedCluster(app, store, registry, counters, faults, controlPlane, server, baseUri, options.Nodes.Select(n => n.Name).ToList());
    }

    /// <summary>Writes a kubeconfig (context "simulated", namespace default) and returns its full path.</summary>
    public string WriteKubeconfig(string path)
    {
        KubeconfigWriter.Write(BaseUri, path);
        return Path.GetFullPath(path);
    }

    public KubernetesClientConfiguration ClientConfiguration() => new() { Host = BaseUri.GetLeftPart(UriPartial.Authority) };

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration());

    /// <summary>Makes a node Ready or NotReady; the pods on a NotReady node lose their readiness.</summary>
    public void SetNodeReady(string nodeName, bool ready)
    {
        if (!NodeNames.Contains(nodeName) && Store.Get(BuiltInResources.Nodes, "", nodeName) is null)
            throw new ArgumentException($"there is no node \"{nodeName}\"", nameof(nodeName));
        _controlPlane.Kubelets.SetNodeReady(nodeName, ready);
    }

    public async Task StopAsync()
    {
        _server.Stop();
        await _controlPlane.StopAsync();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
