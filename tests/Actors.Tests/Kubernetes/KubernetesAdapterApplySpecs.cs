using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Kubernetes;
using static Orchestrator.Actors.Tests.Kubernetes.SimulatedClusterHarness;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class KubernetesAdapterApplySpecs : IAsyncLifetime
{
    private SimulatedClusterHarness harness = null!;

    public async Task InitializeAsync() => harness = await StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task An_absent_object_is_created_and_counted_as_one_write()
    {
        var adapter = harness.Adapter();

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);

        Assert.Equal((ApplyOutcome.Created, "ConfigMap", Namespace, "nova-conf"), (result.Outcome, result.Kind, result.Namespace, result.Name));
        Assert.Equal(["absent"], result.Drift);
        Assert.Equal(1, adapter.Writes.Total);
        var stored = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        Assert.Equal("h1", stored.Metadata.Annotations[WellKnown.DesiredHashAnnotation]);
    }

    [Fact]
    public async Task An_unchanged_object_is_not_written_again()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);
        harness.Cluster.Counters.Reset();

        var again = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Unchanged, again.Outcome);
        Assert.Equal(1, adapter.Writes.Total);
        Assert.Equal(0, harness.Cluster.Counters.Writes());
    }

    [Fact]
    public async Task A_changed_hash_replaces_the_object()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1", "old"), CancellationToken.None);

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h2", "new"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        Assert.Equal(2, adapter.Writes.Total);
        var stored = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        Assert.Equal("new", stored.Data["value"]);
        Assert.Equal("h2", stored.Metadata.Annotations[WellKnown.DesiredHashAnnotation]);
    }

    [Fact]
    public async Task A_field_we_render_edited_behind_our_back_is_put_back_although_our_hash_annotation_is_unchanged()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(Service("h1", 5000), CancellationToken.None);
        var edited = await harness.Other.CoreV1.ReadNamespacedServiceAsync("keystone", Namespace);
        edited.Spec.Ports.Single().Port = 6000;
        await harness.Other.CoreV1.ReplaceNamespacedServiceAsync(edited, "keystone", Namespace);

        var result = await adapter.ApplyAsync(Service("h1", 5000), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        Assert.Equal(["spec.ports[0].port 6000 -> 5000"], result.Drift);
        Assert.Equal("service keystone: spec.ports[0].port 6000 -> 5000", result.DescribeDrift());
        Assert.Equal(5000, (await harness.Other.CoreV1.ReadNamespacedServiceAsync("keystone", Namespace)).Spec.Ports.Single().Port);
    }

    [Fact]
    public async Task Fields_the_server_defaults_and_labels_others_add_are_no_drift()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(Service("h1", 5000), CancellationToken.None);
        var touched = await harness.Other.CoreV1.ReadNamespacedServiceAsync("keystone", Namespace);
        touched.Metadata.Labels["team"] = "ops";
        touched.Metadata.Annotations["note"] = "by hand";
        await harness.Other.CoreV1.ReplaceNamespacedServiceAsync(touched, "keystone", Namespace);
        harness.Cluster.Counters.Reset();

        var again = await adapter.ApplyAsync(Service("h1", 5000), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Unchanged, again.Outcome);
        Assert.Equal(0, harness.Cluster.Counters.Writes());
    }

    [Fact]
    public async Task A_secret_value_changed_behind_our_back_is_put_back_and_named_without_its_value()
    {
        var adapter = harness.Adapter();
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = Namespace, Annotations = new Dictionary<string, string> { [WellKnown.DesiredHashAnnotation] = "h1" } },
            Data = new Dictionary<string, byte[]> { ["password"] = "hunter2-long"u8.ToArray() },
        };
        await adapter.ApplyAsync(secret, CancellationToken.None);
        var edited = await harness.Other.CoreV1.ReadNamespacedSecretAsync("db", Namespace);
        edited.Data["password"] = "changed-by-hand"u8.ToArray();
        await harness.Other.CoreV1.ReplaceNamespacedSecretAsync(edited, "db", Namespace);

        var result = await adapter.ApplyAsync(secret, CancellationToken.None);

        Assert.Equal(["data.password (secret value) -> (secret value)"], result.Drift);
        Assert.Equal("hunter2-long"u8.ToArray(), (await harness.Other.CoreV1.ReadNamespacedSecretAsync("db", Namespace)).Data["password"]);
    }

    [Fact]
    public async Task A_replaced_service_keeps_its_cluster_ip_and_labels_others_added()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(Service("h1", 5000), CancellationToken.None);
        var first = await harness.Other.CoreV1.ReadNamespacedServiceAsync("keystone", Namespace);
        first.Metadata.Labels["team"] = "ops";
        await harness.Other.CoreV1.ReplaceNamespacedServiceAsync(first, "keystone", Namespace);

        var result = await adapter.ApplyAsync(Service("h2", 5001), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        var replaced = await harness.Other.CoreV1.ReadNamespacedServiceAsync("keystone", Namespace);
        Assert.Equal(5001, replaced.Spec.Ports.Single().Port);
        Assert.Equal(first.Spec.ClusterIP, replaced.Spec.ClusterIP);
        Assert.Equal("ops", replaced.Metadata.Labels["team"]);
    }

    [Fact]
    public async Task A_create_that_meets_AlreadyExists_reads_again_and_never_fails()
    {
        var racer = new RacingWriter(HttpMethod.Post, () =>
            harness.Other.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("nova-conf", "h1"), Namespace));
        var adapter = harness.Adapter(handlers: racer);

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);

        Assert.True(racer.Raced);
        Assert.Equal(1, harness.Cluster.Counters.Answered("create", 409));
        Assert.Equal(ApplyOutcome.Unchanged, result.Outcome);
        Assert.Equal(0, adapter.Writes.Total);
    }

    [Fact]
    public async Task A_replace_that_meets_a_conflict_reads_again_and_replaces_the_newer_object()
    {
        var adapter = harness.Adapter(handlers: new RacingWriter(HttpMethod.Put, async () =>
        {
            var current = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
            current.Metadata.Labels = new Dictionary<string, string> { ["touched"] = "yes" };
            await harness.Other.CoreV1.ReplaceNamespacedConfigMapAsync(current, "nova-conf", Namespace);
        }));
        await adapter.ApplyAsync(ConfigMap("nova-conf", "h1", "old"), CancellationToken.None);

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h2", "new"), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Updated, result.Outcome);
        Assert.Equal(1, harness.Cluster.Counters.Answered("update", 409));
        var stored = await harness.Other.CoreV1.ReadNamespacedConfigMapAsync("nova-conf", Namespace);
        Assert.Equal("new", stored.Data["value"]);
        Assert.Equal("yes", stored.Metadata.Labels["touched"]);
    }

    [Fact]
    public async Task Get_list_and_delete_see_what_the_server_holds()
    {
        var adapter = harness.Adapter();
        await adapter.ApplyAsync(ConfigMap("a", "h"), CancellationToken.None);
        var labelled = ConfigMap("b", "h");
        labelled.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "api" };
        await adapter.ApplyAsync(labelled, CancellationToken.None);

        Assert.Equal("a", (await adapter.GetAsync<V1ConfigMap>(Namespace, "a", CancellationToken.None))!.Metadata.Name);
        Assert.Null(await adapter.GetAsync<V1ConfigMap>(Namespace, "absent", CancellationToken.None));
        var listed = await adapter.ListAsync<V1ConfigMap>(Namespace, "tier=api", CancellationToken.None);
        Assert.Equal(["b"], listed.Select(item => item.Metadata.Name));
        Assert.Equal("ConfigMap", listed.Single().Kind);

        Assert.True(await adapter.DeleteAsync<V1ConfigMap>(Namespace, "a", CancellationToken.None));
        Assert.False(await adapter.DeleteAsync<V1ConfigMap>(Namespace, "a", CancellationToken.None));
        Assert.Equal(3, adapter.Writes.Total);
    }

    [Fact]
    public async Task A_refused_object_fails_with_the_status_and_never_its_content()
    {
        var adapter = harness.Adapter();
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "Not A Valid Name", NamespaceProperty = Namespace },
            StringData = new Dictionary<string, string> { ["password"] = "hunter2" },
        };

        var failure = await Assert.ThrowsAsync<KubernetesApiException>(() => adapter.ApplyAsync(secret, CancellationToken.None));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        Assert.DoesNotContain("hunter2", failure.ToString());
        Assert.DoesNotContain("hunter2", harness.Log.Everything);
        Assert.Contains(harness.Log.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning
            && e.Properties["Verb"].ToString() == "\"apply\"" && e.Properties["Kind"].ToString() == "\"Secret\""
            && e.Properties["Status"].ToString() == "422");
    }

    private static V1Service Service(string hash, int port) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "keystone",
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "keystone" },
            Annotations = new Dictionary<string, string> { [WellKnown.DesiredHashAnnotation] = hash },
        },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "keystone" },
            Ports = [new V1ServicePort { Port = port }],
        },
    };
}
