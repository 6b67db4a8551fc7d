using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Services;

namespace Orchestrator.Actors.Tests.Services;

/// <summary>
/// What a service knows of its objects from the watches, without an actor system: which reported changes are to be
/// compared, which are its own writes (or older than them), and what an apply may decide on instead of a read.
/// </summary>
public sealed class WatchedObjectsSpecs
{
    private static V1ConfigMap ConfigMap(string version, string value = "x") => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "keystone-etc", NamespaceProperty = "openstack", ResourceVersion = version },
        Data = new Dictionary<string, string> { ["keystone.conf"] = value },
    };

    private static V1Deployment Workload(string version) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "keystone", NamespaceProperty = "openstack", ResourceVersion = version },
    };

    private static readonly ObjectIdentity Config = new("ConfigMap", "keystone-etc");

    /// <summary>Drift as the adapter decides it, reduced to the one field these objects have.</summary>
    private static IReadOnlyList<string> Drift(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed) =>
        observed is null ? ["absent"]
        : desired is V1ConfigMap wanted && observed is V1ConfigMap held && wanted.Data["keystone.conf"] != held.Data["keystone.conf"] ? ["data"]
        : [];

    [Fact]
    public void Before_any_report_every_apply_reads_first_and_nothing_counts_as_drifted()
    {
        var watched = WatchedObjects.None;

        Assert.Null(watched.For(ConfigMap("")));
        Assert.Empty(watched.Drifted([ConfigMap("")], onlyUnchecked: false, Drift));
    }

    [Fact]
    public void A_reported_object_is_what_an_apply_decides_on_and_a_missing_one_is_reported_absent()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5")]);

        Assert.Equal("5", watched.For(ConfigMap(""))!.Object!.Metadata.ResourceVersion);
        Assert.Same(ObservedObject.Absent, watched.For(Workload("")));
    }

    [Fact]
    public void An_object_someone_else_changed_is_to_be_checked_and_found_drifted()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5")]).Checked();

        watched = watched.Report([ConfigMap("6", "edited")]);

        Assert.Equal([Config], watched.Unchecked);
        Assert.Single(watched.Drifted([ConfigMap("", "x")], onlyUnchecked: true, Drift));
    }

    [Fact]
    public void A_report_of_the_same_versions_changes_nothing_to_check()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5"), Workload("7")]).Checked();

        watched = watched.Report([ConfigMap("5"), Workload("7")]);

        Assert.Empty(watched.Unchecked);
    }

    [Fact]
    public void A_version_older_than_our_own_write_is_no_drift_and_the_write_is_not_read_again_once_reported()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5", "old")]).Checked().Applying();
        watched = watched.Applied([(Config, "9")]).ApplyEnded();

        watched = watched.Report([ConfigMap("8", "old")]);
        Assert.Empty(watched.Unchecked);
        Assert.Null(watched.For(ConfigMap("")));
        Assert.Empty(watched.Drifted([ConfigMap("", "new")], onlyUnchecked: false, Drift));

        watched = watched.Report([ConfigMap("9", "new")]);
        Assert.Empty(watched.Unchecked);
        Assert.Empty(watched.Unreported);
        Assert.Equal("9", watched.For(ConfigMap(""))!.Object!.Metadata.ResourceVersion);

        watched = watched.Report([ConfigMap("10", "edited")]);
        Assert.Equal([Config], watched.Unchecked);
    }

    [Fact]
    public void A_write_the_watch_reported_before_the_apply_ended_is_not_waited_for()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5", "old")]).Checked().Applying();
        watched = watched.Report([ConfigMap("9", "new")]).Report([ConfigMap("10", "edited")]);

        watched = watched.Applied([(Config, "9")]).ApplyEnded();

        Assert.Empty(watched.Unreported);
        Assert.Equal([Config], watched.Unchecked);
    }

    [Fact]
    public void Our_write_reported_before_the_apply_ended_leaves_nothing_to_check()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5", "old")]).Checked().Applying();
        watched = watched.Report([ConfigMap("9", "new")]);

        watched = watched.Applied([(Config, "9")]).ApplyEnded();

        Assert.Empty(watched.Unreported);
        Assert.Empty(watched.Unchecked);
    }

    [Fact]
    public void An_object_deleted_after_our_write_is_to_be_checked()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5")]).Checked().Applying();
        watched = watched.Applied([(Config, "9")]).ApplyEnded();

        watched = watched.Report([]);

        Assert.Empty(watched.Unreported);
        Assert.Equal([Config], watched.Unchecked);
        Assert.Same(ObservedObject.Absent, watched.For(ConfigMap("")));
    }

    [Fact]
    public void A_write_no_report_ever_showed_is_compared_again_after_a_whole_repair_interval()
    {
        var watched = WatchedObjects.None.Report([ConfigMap("5", "old")]).Checked().Applying();
        watched = watched.Applied([(Config, "9")]).ApplyEnded();

        watched = watched.Aged();
        Assert.Empty(watched.Drifted([ConfigMap("", "new")], onlyUnchecked: false, Drift));

        watched = watched.Aged();
        Assert.Single(watched.Drifted([ConfigMap("", "new")], onlyUnchecked: false, Drift));
    }
}
