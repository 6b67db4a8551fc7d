using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.SimulatedCluster;
using static Orchestrator.Actors.Tests.Kubernetes.SimulatedClusterHarness;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class KubernetesAdapterWatchSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    // A short history, so that a watch away for a handful of changes must relist (410 Gone).
    private SimulatedClusterHarness harness = null!;
    private readonly CancellationTokenSource stop = new();

    public async Task InitializeAsync() => harness = await StartAsync(new SimulatedClusterOptions { WatchHistory = 4 });

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await harness.DisposeAsync();
        stop.Dispose();
    }

    [Fact]
    public async Task A_watch_reports_the_current_objects_then_every_change()
    {
        await CreateAsync("a");
        await using var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.Equal((ChangeType.Added, "a"), await NextAsync(changes));
        await CreateAsync("b");
        Assert.Equal((ChangeType.Added, "b"), await NextAsync(changes));
        await harness.Other.CoreV1.DeleteNamespacedConfigMapAsync("a", Namespace);
        Assert.Equal((ChangeType.Deleted, "a"), await NextAsync(changes));
    }

    [Fact]
    public async Task A_watch_with_a_field_selector_lists_and_streams_only_the_object_it_names()
    {
        await CreateAsync("a");
        await CreateAsync("b");
        await using var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, stop.Token, "metadata.name=b").GetAsyncEnumerator(stop.Token);

        Assert.Equal((ChangeType.Added, "b"), await NextAsync(changes));
        await CreateAsync("c");
        await Modify("a");
        await Modify("b");
        Assert.Equal((ChangeType.Modified, "b"), await NextAsync(changes)); // neither c nor a came through
    }

    [Fact]
    public async Task A_dropped_watch_resumes_where_it_stopped_without_repeating_or_losing_a_change()
    {
        await CreateAsync("a");
        harness.Cluster.Faults.DropWatchAfterEvents = 1;
        await using var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Equal((ChangeType.Added, "a"), await NextAsync(changes));

        var seen = new List<(ChangeType, string)>();
        foreach (var name in new[] { "b", "c", "d" })
        {
            await CreateAsync(name);
            seen.Add(await NextAsync(changes));
        }
        await Modify("b");
        seen.Add(await NextAsync(changes));

        Assert.Equal([(ChangeType.Added, "b"), (ChangeType.Added, "c"), (ChangeType.Added, "d"), (ChangeType.Modified, "b")], seen);
        Assert.True(harness.Cluster.Counters.Requests("watch", "configmaps") >= 4);
        Assert.Equal(1, harness.Cluster.Counters.Requests("list", "configmaps"));
    }

    [Fact]
    public async Task After_410_Gone_the_watch_relists_and_reports_what_changed_meanwhile()
    {
        await CreateAsync("a");
        await CreateAsync("b");
        await CreateAsync("c");
        harness.Cluster.Faults.DropWatchAfterEvents = 1;
        await using var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, stop.Token).GetAsyncEnumerator(stop.Token);
        for (var i = 0; i < 3; i++)
            await NextAsync(changes);
        await Modify("a");
        Assert.Equal((ChangeType.Modified, "a"), await NextAsync(changes));

        // The watcher is away (its stream ended after one event): more changes happen than the history holds.
        await harness.Other.CoreV1.DeleteNamespacedConfigMapAsync("b", Namespace);
        await Modify("c");
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync("churn");
            await harness.Other.CoreV1.DeleteNamespacedConfigMapAsync("churn", Namespace);
        }

        var relisted = new[] { await NextAsync(changes), await NextAsync(changes) };

        Assert.Equal([(ChangeType.Modified, "c"), (ChangeType.Deleted, "b")], relisted);
        Assert.Equal(2, harness.Cluster.Counters.Requests("list", "configmaps"));
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_only_the_matching_objects()
    {
        var labelled = ConfigMap("api", "h");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "api" };
        await harness.Other.CoreV1.CreateNamespacedConfigMapAsync(labelled, Namespace);
        await CreateAsync("unlabelled");
        await using var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, "tier=api", stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.Equal((ChangeType.Added, "api"), await NextAsync(changes));
        await Modify("unlabelled");
        await Modify("api");
        Assert.Equal((ChangeType.Modified, "api"), await NextAsync(changes));
    }

    [Fact]
    public async Task A_cluster_scoped_kind_is_watched_across_the_cluster()
    {
        await using var changes = harness.Adapter().WatchAsync<V1Node>(null, null, stop.Token).GetAsyncEnumerator(stop.Token);

        var nodes = new List<string>();
        foreach (var _ in harness.Cluster.NodeNames)
        {
            Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Bound));
            Assert.Equal(ChangeType.Added, changes.Current.Type);
            nodes.Add(changes.Current.Object.Metadata.Name);
        }

        Assert.Equal(harness.Cluster.NodeNames.Order(), nodes.Order());
    }

    [Fact]
    public async Task A_watch_waits_out_a_failing_server_and_then_lists()
    {
        await CreateAsync("a");
        harness.Cluster.Faults.ErrorRate = 1;
        await using var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, stop.Token).GetAsyncEnumerator(stop.Token);
        var first = changes.MoveNextAsync().AsTask();
        await Eventually.True(() => harness.Cluster.Counters.Answered("list", 500) >= 2, "two failed lists");

        harness.Cluster.Faults.ErrorRate = 0;

        Assert.True(await first.WaitAsync(Bound));
        Assert.Equal((ChangeType.Added, "a"), (changes.Current.Type, changes.Current.Object.Metadata.Name));
    }

    [Fact]
    public async Task Each_enumeration_of_a_watch_starts_from_its_own_list()
    {
        await CreateAsync("a");
        var watch = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, stop.Token);

        await using var first = watch.GetAsyncEnumerator(stop.Token);
        Assert.Equal((ChangeType.Added, "a"), await NextAsync(first));
        await using var second = watch.GetAsyncEnumerator(stop.Token);
        Assert.Equal((ChangeType.Added, "a"), await NextAsync(second));
    }

    [Fact]
    public async Task A_watch_ends_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var changes = harness.Adapter().WatchAsync<V1ConfigMap>(Namespace, null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = changes.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        Assert.False(await next.WaitAsync(Bound));
        await changes.DisposeAsync();
    }

    private Task CreateAsync(string name) => harness.Other.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name, "h"), Namespace);

    private async Task Modify(string name)
    {
        var current = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync(name, Namespace);
        current.Data["value"] = Guid.NewGuid().ToString();
        await harness.Other.CoreV1.ReplaceNamespacedConfigMapAsync(current, name, Namespace);
    }

    private static async Task<(ChangeType, string)> NextAsync(IAsyncEnumerator<ObservedChange<V1ConfigMap>> changes)
    {
        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Bound), "the watch ended");
        return (changes.Current.Type, changes.Current.Object.Metadata.Name);
    }
}
