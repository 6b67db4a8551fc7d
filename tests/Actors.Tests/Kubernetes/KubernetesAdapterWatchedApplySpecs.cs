using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using static Orchestrator.Actors.Tests.Kubernetes.SimulatedClusterHarness;

namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>
/// An apply decided on what a watch reported (an <see cref="ObservedObject"/>) instead of a read: no request when the
/// report holds the object as rendered, one fenced write when it does not, and one read when the report was stale.
/// </summary>
public sealed class KubernetesAdapterWatchedApplySpecs : IAsyncLifetime
{
    private SimulatedClusterHarness harness = null!;

    public async Task InitializeAsync() => harness = await StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    private long Reads() => harness.Cluster.Counters.Requests("get", "configmaps");

    [Fact]
    public async Task An_object_the_report_holds_as_rendered_costs_no_request()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);
        var reported = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        harness.Cluster.Counters.Reset();

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), new ObservedObject(reported), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Unchanged, result.Outcome);
        Assert.Equal(reported.Metadata.ResourceVersion, result.ResourceVersion);
        Assert.Empty(harness.Cluster.Counters.Snapshot());
    }

    [Fact]
    public async Task An_object_reported_absent_is_created_without_a_read_and_its_version_is_returned()
    {
        var adapter = harness.Adapter();

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), ObservedObject.Absent, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Created, result.Outcome);
        Assert.Equal(0, Reads());
        Assert.Equal(1, harness.Cluster.Counters.Requests("create", "configmaps"));
        Assert.Equal((await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace)).Metadata.ResourceVersion, result.ResourceVersion);
    }

    [Fact]
    public async Task A_reported_difference_is_written_once_fenced_by_the_reported_version_and_named_as_drift()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1", "old"), CancellationToken.None);
        var reported = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        var readsBefore = Reads();

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h2", "new"), new ObservedObject(reported), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        Assert.Contains("data.value old -> new", result.Drift!);
        Assert.Equal(readsBefore, Reads());
        Assert.Equal(0, harness.Cluster.Counters.Conflicts());
        var stored = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        Assert.Equal("new", stored.Data["value"]);
        Assert.Equal(stored.Metadata.ResourceVersion, result.ResourceVersion);
    }

    [Fact]
    public async Task A_stale_report_meets_a_conflict_then_one_read_decides_again()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1", "old"), CancellationToken.None);
        var stale = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        var newer = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        newer.Metadata.Labels = new Dictionary<string, string> { ["edited-by"] = "someone" };
        await harness.Other.CoreV1.ReplaceNamespacedConfigMapAsync(newer, "nova-conf", Namespace);
        var readsBefore = Reads();

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h2", "new"), new ObservedObject(stale), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        Assert.Equal(1, harness.Cluster.Counters.Conflicts("configmaps"));
        Assert.Equal(readsBefore + 1, Reads());
        var stored = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        Assert.Equal("new", stored.Data["value"]);
        Assert.Equal("someone", stored.Metadata.Labels["edited-by"]);
    }

    [Fact]
    public async Task An_object_reported_absent_that_exists_meets_already_exists_then_one_read_finds_it_unchanged()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);
        var writes = harness.Cluster.Counters.Writes();

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), ObservedObject.Absent, CancellationToken.None);

        Assert.Equal(ApplyOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, harness.Cluster.Counters.Conflicts("configmaps"));
        Assert.Equal(writes + 1, harness.Cluster.Counters.Writes());
    }

    [Fact]
    public async Task Drift_compares_without_a_request()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1", "old"), CancellationToken.None);
        var reported = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        harness.Cluster.Counters.Reset();

        Assert.Empty(adapter.Drift(ConfigMap("nova-conf", "h1", "old"), reported));
        Assert.Contains("data.value old -> new", adapter.Drift(ConfigMap("nova-conf", "h1", "new"), reported));
        Assert.Equal(["absent"], adapter.Drift(ConfigMap("nova-conf", "h1"), null));
        Assert.Empty(harness.Cluster.Counters.Snapshot());
    }
}
