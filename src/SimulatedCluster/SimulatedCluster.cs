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
using Orchestrator.SimulatedCluster.Security;
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

    private readonly ServingCertificate _certificate;

    private SimulatedCluster(WebApplication app, ObjectStore store, ResourceRegistry registry, RequestCounters counters,
        FaultInjection faults, ControlPlane controlPlane, ApiServer server, Uri baseUri, Uri secureBaseUri, ServingCertificate certificate,
        IReadOnlyList<string> nodeNames)
    {
        SecureBaseUri = secureBaseUri;
        _certificate = certificate;
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

    /// <summary>The same API server over TLS (its CA in <see cref="CertificateAuthorityData"/>): kubectl sends bearer tokens only there.</summary>
    public Uri SecureBaseUri { get; }

    /// <summary>The cluster CA in PEM, base64-encoded, as a kubeconfig's certificate-authority-data.</summary>
    public string CertificateAuthorityData => _certificate.AuthorityData;

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

        // The certificate's validity is checked by clients against their wall clock, not the cluster's (which tests move).
        var certificate = ServingCertificate.Create(TimeProvider.System.GetUtcNow());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Listen(IPAddress.Loopback, options.SecurePort, listen =>
            {
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
                listen.UseHttps(certificate.Server);
            });
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(server.Handle);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Uri Address(string scheme) => new(addresses.First(a => a.StartsWith(scheme + "://", StringComparison.Ordinal)).Replace("[::1]", "127.0.0.1").TrimEnd('/') + "/");
        controlPlane.Start();
        return new SimulatedCluster(app, store, registry, counters, faults, controlPlane, server, Address("http"), Address("https"), certificate,
            options.Nodes.Select(n => n.Name).ToList());
    }

    /// <summary>
    /// Writes a kubeconfig and returns its full path. The admin's (no token) uses plain http in its current
    /// context "simulated" and names the TLS port as context "simulated-tls"; one with a token (a service
    /// account's) has only the TLS port, since kubectl sends a token over TLS only.
    /// </summary>
    public string WriteKubeconfig(string path, string? token = null)
    {
        var tls = new KubeconfigWriter.TlsServer(SecureBaseUri, CertificateAuthorityData);
        if (token is null)
            KubeconfigWriter.Write(BaseUri, path, tls: tls);
        else
            KubeconfigWriter.WriteForToken(tls, path, token);
        return Path.GetFullPath(path);
    }

    /// <summary>A bound token of the ServiceAccount (it must exist), as `kubectl create token` would get.</summary>
    public string CreateToken(string @namespace, string serviceAccount, TimeSpan? lifetime = null) =>
        _server.CreateToken(@namespace, serviceAccount, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>The admin's client configuration, or (with a token) a service account's.</summary>
    public KubernetesClientConfiguration ClientConfiguration(string? token = null) =>
        new() { Host = BaseUri.GetLeftPart(UriPartial.Authority), AccessToken = token ?? KubeconfigWriter.Token };

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
        _certificate.Dispose();
    }
}
