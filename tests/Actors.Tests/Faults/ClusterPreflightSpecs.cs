using System.Net;
using k8s.Autorest;
using Orchestrator.Hosting;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>A cluster that cannot be reached or does not speak Kubernetes is named with its cause by one GET /version.</summary>
public sealed class ClusterPreflightSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-cluster-preflight-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private k8s.KubernetesClientConfiguration Configuration(Uri server)
    {
        var file = Path.Combine(_folder, "kubeconfig-" + Guid.NewGuid().ToString("N")[..6]);
        KubeconfigWriter.Write(server, file);
        var (configuration, error) = KubeconfigFile.Load(file);
        Assert.Null(error);
        return configuration!;
    }

    [Fact]
    public async Task The_simulated_cluster_answers_as_Kubernetes()
    {
        await using var cluster = await SimulatedCluster.SimulatedCluster.StartAsync();

        Assert.Null(await ClusterPreflight.CheckAsync(Configuration(cluster.BaseUri), CancellationToken.None));
    }

    [Fact]
    public async Task A_closed_port_is_connection_refused()
    {
        var server = new Uri($"http://127.0.0.1:{ClosedPort.Pick()}");

        var problem = await ClusterPreflight.CheckAsync(Configuration(server), CancellationToken.None);

        Assert.Equal($"{server.GetLeftPart(UriPartial.Authority)}: connection refused", problem);
    }

    [Fact]
    public async Task Https_against_a_plain_http_server_is_a_TLS_failure()
    {
        await using var cluster = await SimulatedCluster.SimulatedCluster.StartAsync();
        var server = new Uri($"https://127.0.0.1:{cluster.BaseUri.Port}");

        var problem = await ClusterPreflight.CheckAsync(Configuration(server), CancellationToken.None);

        Assert.StartsWith($"https://127.0.0.1:{cluster.BaseUri.Port}: TLS handshake failed", problem);
    }

    [Theory]
    [InlineData(404, "Not Found", "not a Kubernetes API server (GET /version answered 404 Not Found)")]
    [InlineData(200, "OK", "not a Kubernetes API server (GET /version did not answer JSON)")]
    public async Task A_web_server_that_is_not_Kubernetes_is_named_so(int status, string reason, string cause)
    {
        using var web = new NotKubernetesServer(status, reason);

        var problem = await ClusterPreflight.CheckAsync(Configuration(web.Address), CancellationToken.None);

        Assert.Equal($"{web.Address.GetLeftPart(UriPartial.Authority)}: {cause}", problem);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "401 Unauthorized: the kubeconfig's credentials were not accepted")]
    [InlineData(HttpStatusCode.Forbidden, "403 Forbidden: the kubeconfig's user may not read /version")]
    public void Refused_credentials_are_named_by_their_status(HttpStatusCode status, string cause)
    {
        var refused = new HttpOperationException("refused")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(status),
                $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","code":{{(int)status}}}"""),
        };

        Assert.Equal(cause, ClusterPreflight.Describe(refused, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData("{{{ this is not yaml: [")]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("apiVersion: v1\nkind: Config\ncurrent-context: nowhere\n")]
    [InlineData("\0\u0001binary")]
    public void A_garbage_kubeconfig_is_one_line_naming_the_flag(string text)
    {
        var file = Path.Combine(_folder, "garbage");
        File.WriteAllText(file, text);

        var (configuration, error) = KubeconfigFile.Load(file);

        Assert.Null(configuration);
        Assert.StartsWith($"--kubeconfig: {file}", error);
        Assert.DoesNotContain("\n", error!);
        Assert.DoesNotContain("   at ", error!);
    }
}
