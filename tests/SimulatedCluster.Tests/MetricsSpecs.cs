namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>`GET /metrics` serves `apiserver_request_total` as the real API server does: one series per verb, resource, scope and code.</summary>
[Trait("Category", "EndToEnd")]
public sealed class MetricsSpecs : ServiceAccountSpecs
{
    private static string Series(string verb, string group, string version, string resource, string scope, int code, string subresource = "") =>
        $"apiserver_request_total{{code=\"{code}\",component=\"apiserver\",dry_run=\"\",group=\"{group}\",resource=\"{resource}\",scope=\"{scope}\",subresource=\"{subresource}\",verb=\"{verb}\",version=\"{version}\"}}";

    [Fact]
    public async Task A_duplicate_create_shows_as_a_409_POST_and_reads_as_LIST()
    {
        await Kubectl.Run("create", "configmap", "settings", "-n", "default");
        var again = await Kubectl.Run("create", "configmap", "settings", "-n", "default");
        await Kubectl.Run("get", "configmaps", "-n", "default");

        var metrics = await Kubectl.Run("get", "--raw", "/metrics");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("# TYPE apiserver_request_total counter\n", metrics.Out);
        Assert.Contains(Series("POST", "", "v1", "configmaps", "resource", 201) + " 1\n", metrics.Out);
        Assert.Contains(Series("POST", "", "v1", "configmaps", "resource", 409) + " 1\n", metrics.Out);
        Assert.Contains(Series("LIST", "", "v1", "configmaps", "namespace", 200) + " 1\n", metrics.Out);
    }

    [Fact]
    public async Task Refusals_are_counted_as_403_with_the_request_verb()
    {
        var sa = await AsServiceAccount();
        await sa.Run("delete", "namespace", "default");
        await sa.Run("get", "nodes");

        var metrics = await Kubectl.Run("get", "--raw", "/metrics");

        Assert.Contains(Series("DELETE", "", "v1", "namespaces", "resource", 403) + " 1\n", metrics.Out);
        Assert.Contains(Series("LIST", "", "v1", "nodes", "cluster", 403) + " 1\n", metrics.Out);
        Assert.Equal(2, Cluster.Counters.Forbidden());
    }

    [Fact]
    public async Task A_watch_counts_as_WATCH_when_it_ends()
    {
        using (var watch = Kubectl.Start("get", "namespaces", "-w", "-o", "name"))
        {
            // The watch is open once it delivers a namespace made after kubectl printed the list before it.
            for (var line = ""; line != "namespace/kube-system";)
                line = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await Kubectl.Run("create", "namespace", "openstack");
            for (var line = ""; line != "namespace/openstack";)
                line = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            watch.Kill(entireProcessTree: true);
        }
        await Eventually.True(() => Cluster.Counters.Requests("watch", "namespaces") > 0, "the ended watch to be counted");

        var metrics = await Kubectl.Run("get", "--raw", "/metrics");

        Assert.Contains(Series("WATCH", "", "v1", "namespaces", "cluster", 200) + " 1\n", metrics.Out);
        Assert.Contains(Series("POST", "", "v1", "namespaces", "resource", 201) + " 1\n", metrics.Out);
    }
}
