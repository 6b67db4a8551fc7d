using k8s;
using k8s.Models;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>Watches as the KubernetesClient uses them: resume from a resourceVersion, 410 Gone, then a relist.</summary>
public sealed class WatchSpecs() : ClusterSpecs(new SimulatedClusterOptions
{
    WatchHistory = 5,
    ReadyDelay = TimeSpan.FromMilliseconds(20),
    BookmarkInterval = TimeSpan.FromMilliseconds(100),
})
{
    private IKubernetes Client => Cluster.CreateClient();

    private Task<V1ConfigMap> Create(string name) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, "default");

    private async Task<List<(WatchEventType Type, V1ConfigMap Object)>> Collect(string? resourceVersion, int count, string? labelSelector = null)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType, V1ConfigMap)>();
        await foreach (var e in Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: resourceVersion,
                           labelSelector: labelSelector, cancellationToken: cancel.Token))
        {
            events.Add(e);
            if (events.Count == count)
                break;
        }
        return events;
    }

    [Fact]
    public async Task A_watch_resumed_from_a_resource_version_gets_only_later_changes_in_order()
    {
        await Create("before");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        await Create("after-1");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "after-1", "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("before", "default");

        var events = await Collect(list.Metadata.ResourceVersion, 3);

        Assert.Equal([(WatchEventType.Added, "after-1"), (WatchEventType.Modified, "after-1"), (WatchEventType.Deleted, "before")],
            events.Select(e => (e.Type, e.Object.Metadata.Name)));
        Assert.Equal(events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).Order(), events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)));
    }

    [Fact]
    public async Task A_watch_from_a_version_older_than_the_history_is_gone_and_a_relist_recovers()
    {
        var first = await Create("first");
        for (var i = 0; i < 8; i++)
            await Create($"filler-{i}");

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Exception? reported = null;
        var delivered = 0;
        await foreach (var _ in Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: first.Metadata.ResourceVersion,
                           onError: e => reported = e, cancellationToken: cancel.Token))
            delivered++;
        var error = Assert.IsType<KubernetesException>(reported);
        var relist = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var resumed = Collect(relist.Metadata.ResourceVersion, 1);
        await Create("after-relist");

        Assert.Equal(0, delivered);
        Assert.Equal(410, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);
        Assert.Equal(9, relist.Items.Count);
        Assert.Equal("after-relist", (await resumed).Single().Object.Metadata.Name);
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_objects_enter_and_leave_the_selection()
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var watching = Collect(list.Metadata.ResourceVersion, 2, "watched=yes");
        await Create("c");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"watched":"yes"}}}""", V1Patch.PatchType.MergePatch), "c", "default");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"watched":"no"}}}""", V1Patch.PatchType.MergePatch), "c", "default");

        var events = await watching;

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version_when_asked_for()
    {
        await Create("b");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        (WatchEventType Type, V1ConfigMap Object) bookmark = default;
        await foreach (var e in Client.CoreV1.WatchListNamespacedConfigMapAsync("default", allowWatchBookmarks: true,
                           resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token))
        {
            bookmark = e;
            break;
        }

        Assert.Equal(WatchEventType.Bookmark, bookmark.Type);
        Assert.True(long.Parse(bookmark.Object!.Metadata.ResourceVersion) >= long.Parse(list.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task An_injected_drop_ends_a_watch_after_the_given_number_of_events()
    {
        Cluster.Faults.DropWatchAfterEvents = 2;
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        for (var i = 0; i < 4; i++)
            await Create($"d-{i}");

        var events = await Collect(list.Metadata.ResourceVersion, 10);

        Assert.Equal(2, events.Count);
    }
}
