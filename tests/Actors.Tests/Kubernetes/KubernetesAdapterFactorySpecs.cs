using k8s.Models;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class KubernetesAdapterFactorySpecs : IAsyncLifetime
{
    private SimulatedClusterHarness harness = null!;
    private readonly string directory = Directory.CreateTempSubdirectory("kubeconfig-").FullName;

    public async Task InitializeAsync() => harness = await SimulatedClusterHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task An_adapter_from_a_kubeconfig_talks_to_the_cluster_it_names()
    {
        var path = WriteKubeconfig();
        using var adapter = KubernetesAdapterFactory.FromKubeconfig(path, harness.Log.Logger);

        var nodes = await adapter.ListAsync<V1Node>(null, null, CancellationToken.None);

        Assert.Equal(harness.Cluster.NodeNames.Order(), nodes.Select(node => node.Metadata.Name).Order());
    }

    [Fact]
    public async Task The_kubeconfigs_credentials_go_with_every_request()
    {
        var configuration = k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(WriteKubeconfig());
        var seen = new AuthorizationSeen();
        using var adapter = KubernetesAdapterFactory.FromConfiguration(configuration, harness.Log.Logger, handlers: seen);

        await adapter.ApplyAsync(SimulatedClusterHarness.ConfigMap("a", "h"), CancellationToken.None);
        await adapter.GetAsync<V1ConfigMap>(SimulatedClusterHarness.Namespace, "a", CancellationToken.None);

        Assert.Equal(["Bearer " + SimulatedCluster.KubeconfigWriter.Token], seen.Values.Distinct());
        Assert.Equal(3, seen.Values.Count);
    }

    [Fact]
    public void A_missing_kubeconfig_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => KubernetesAdapterFactory.FromKubeconfig(Path.Combine(directory, "absent"), harness.Log.Logger));

        Assert.StartsWith("--kubeconfig:", error.Message);
    }

    private string WriteKubeconfig()
    {
        // Written here rather than by the simulation's writer, to show that the token travels with each request;
        // the simulated cluster authenticates it (an unknown token would be 401), so it is the admin's.
        var path = Path.Combine(directory, "config");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: lab
              cluster:
                server: {harness.Cluster.BaseUri.GetLeftPart(UriPartial.Authority)}
            users:
            - name: operator
              user:
                token: {SimulatedCluster.KubeconfigWriter.Token}
            contexts:
            - name: lab
              context:
                cluster: lab
                user: operator
            current-context: lab
            """);
        return path;
    }

    private sealed class AuthorizationSeen : DelegatingHandler
    {
        public List<string> Values { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Values)
                Values.Add(request.Headers.Authorization?.ToString() ?? "none");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
