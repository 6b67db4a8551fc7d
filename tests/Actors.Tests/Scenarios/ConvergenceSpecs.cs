using k8s;
using k8s.Models;
using Orchestrator.Actors.Deployments;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>Whole rollouts of the actor system against the simulated cluster over real HTTP.</summary>
public sealed class ConvergenceSpecs
{
    [Fact]
    public async Task Services_converge_in_dependency_order()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();

        var status = await harness.ApplyAsync(deployment);
        await harness.StopSystemAsync();
        var journal = await harness.ReadJournalAsync();

        Assert.Equal(DeploymentStatus.Ready, status.Status);
        Assert.All(status.Services, s => Assert.Equal(ServiceStatus.Ready, s.Status));
        Assert.All(status.Nodes, n => Assert.Equal(NodeStatus.Ready, n.Status));
        var events = journal.Select(e => e.Event).ToList();
        DateTimeOffset ReadyAt(string service) => events.OfType<ServiceBecameReady>().First(e => e.ServiceName == service).At;
        DateTimeOffset StartedAt(string service) => events.OfType<ServiceApplyStarted>().First(e => e.ServiceName == service).At;
        Assert.True(StartedAt("keystone") >= ReadyAt("memcached"), "keystone was applied before memcached was Ready");
        Assert.True(StartedAt("glance-api") >= ReadyAt("keystone"), "glance-api was applied before keystone was Ready");
    }

    [Fact]
    public async Task Unchanged_deployment_applied_again_after_a_restart_writes_nothing()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        await harness.StopSystemAsync();
        var writesBefore = harness.ObjectWrites();

        await harness.StartSystemAsync();
        var again = await harness.ApplyAsync(TestSpecs.ApiAndPinned());

        Assert.Equal(DeploymentStatus.Ready, again.Status);
        Assert.Equal(writesBefore, harness.ObjectWrites());
        Assert.Equal(0, harness.Cluster.Counters.Conflicts());
    }

    [Fact]
    public async Task Config_change_rolls_exactly_the_workloads_that_use_it()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        var client = harness.Cluster.CreateClient();
        var glanceBefore = await client.AppsV1.ReadNamespacedDeploymentAsync("glance-api", TestSpecs.Namespace);
        var keystoneBefore = await client.AppsV1.ReadNamespacedDeploymentAsync("keystone", TestSpecs.Namespace);
        long Writes() => harness.Cluster.Counters.Writes("configmaps") + harness.Cluster.Counters.Writes("deployments.apps");
        var writesBefore = Writes();

        var changed = await harness.ApplyAsync(TestSpecs.ApiAndPinned(keystoneConf: "[DEFAULT]\ndebug = true\n"));

        Assert.Equal(DeploymentStatus.Ready, changed.Status);
        var glanceAfter = await client.AppsV1.ReadNamespacedDeploymentAsync("glance-api", TestSpecs.Namespace);
        var keystoneAfter = await client.AppsV1.ReadNamespacedDeploymentAsync("keystone", TestSpecs.Namespace);
        Assert.Equal(glanceBefore.Metadata.Generation, glanceAfter.Metadata.Generation);
        Assert.True(keystoneAfter.Metadata.Generation > keystoneBefore.Metadata.Generation);
        Assert.Equal(2, Writes() - writesBefore); // keystone's ConfigMap and its Deployment
        await harness.StopSystemAsync();
        var journal = await harness.ReadJournalAsync();
        Assert.Contains(journal.Select(e => e.Event).OfType<ServiceSpecChanged>(),
            e => e.ServiceName == "keystone" && e.Cause.StartsWith("config keystone.conf hash ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crash_looping_pod_degrades_its_service_until_it_recovers()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);

        harness.Cluster.Faults.CrashLoop(TestSpecs.Namespace, "glance-api");
        await DeletePodsAsync(harness, "glance-api");
        var degraded = await harness.UntilAsync(s => Service(s, "glance-api").Status == ServiceStatus.Degraded);
        harness.Cluster.Faults.Heal(TestSpecs.Namespace, "glance-api");
        await DeletePodsAsync(harness, "glance-api");
        var recovered = await harness.UntilAsync(s => s.Status == DeploymentStatus.Ready);

        Assert.Equal(ServiceStatus.Degraded, Service(degraded, "glance-api").Status);
        Assert.Matches("^pod glance-api-[a-z0-9-]+ crash-looping, [0-9]+ restarts$", Service(degraded, "glance-api").Reason);
        Assert.Equal(DeploymentStatus.Degraded, degraded.Status);
        Assert.Equal(DeploymentStatus.Ready, recovered.Status);
    }

    [Fact]
    public async Task NotReady_node_is_degraded_with_the_kubelets_reason()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);

        harness.Cluster.SetNodeReady("node-2", false);
        var degraded = await harness.UntilAsync(s => s.Nodes.Single(n => n.NodeName == "node-2").Status == NodeStatus.Degraded);

        var node = degraded.Nodes.Single(n => n.NodeName == "node-2");
        Assert.Equal(NodeStatus.Degraded, node.Status);
        Assert.StartsWith("node NotReady", node.Reason);
        Assert.Equal(DeploymentStatus.Degraded, degraded.Status);
    }

    [Fact]
    public async Task Deployment_converges_through_server_errors_and_dropped_watches()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        harness.Cluster.Faults.ErrorRate = 0.2;
        harness.Cluster.Faults.DropWatchAfterEvents = 3;
        await harness.StartSystemAsync();

        var status = await harness.ApplyAsync(deployment);

        Assert.Equal(DeploymentStatus.Ready, status.Status);
        var errors = new[] { "get", "list", "create", "update", "patch" }.Sum(verb => harness.Cluster.Counters.Answered(verb, 500));
        Assert.True(errors > 0, "no server error was injected");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Host_service_is_ready_once_the_node_agent_runs_its_unit_and_its_dependents_follow()
    {
        var artifacts = Directory.CreateTempSubdirectory("orchestrator-artifacts-").FullName;
        var deployment = TestSpecs.WithHostDatabase(artifacts);
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        harness.StartAgents();
        await harness.StartSystemAsync();

        var status = await harness.ApplyAsync(deployment);
        await harness.StopSystemAsync();
        var journal = await harness.ReadJournalAsync();

        Assert.Equal(DeploymentStatus.Ready, status.Status);
        Assert.Equal(ServiceStatus.Ready, Service(status, "mariadb").Status);
        Assert.Equal(NodeStatus.Ready, status.Nodes.Single(n => n.NodeName == "db-1").Status);
        var events = journal.Select(e => e.Event).ToList();
        Assert.True(events.OfType<ServiceApplyStarted>().First(e => e.ServiceName == "keystone").At
            >= events.OfType<ServiceBecameReady>().First(e => e.ServiceName == "mariadb").At);
        var stored = Directory.GetFiles(Path.GetDirectoryName(harness.Journal.SqliteFile)!, "journal.db*")
            .Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f)));
        Assert.All(stored, content => Assert.DoesNotContain("db-s3cret-value", content));
        Directory.Delete(artifacts, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Host_services_released_together_reach_their_node_in_one_HostUnits_write()
    {
        var artifacts = Directory.CreateTempSubdirectory("orchestrator-artifacts-").FullName;
        var deployment = TestSpecs.TwoHostServicesOnOneNode(artifacts);
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        harness.StartAgents();
        // No bound on the settling: the node waits for both services however slow the machine is.
        await harness.StartSystemAsync(new CoordinatorTimings(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), NodeSettle: TimeSpan.FromMinutes(5)));

        var status = await harness.ApplyAsync(deployment);
        var hostUnitsWrites = harness.Cluster.Counters.Snapshot()
            .Where(p => p.Key.Verb is "create" or "update" or "patch" && p.Key.Resource == "hostunits.openstack.orchestrator.io").Sum(p => p.Value);
        var hostUnits = await harness.Adapter.GetAsync<Orchestrator.Actors.Kubernetes.HostUnitsResource>(null, "db-1", default);

        Assert.Equal(DeploymentStatus.Ready, status.Status);
        Assert.Equal(["cinder-volume", "mariadb"], hostUnits!.Spec.Units.Select(u => u.Name).Order(StringComparer.Ordinal));
        // Never once per released service (that would be three): made empty with the node's labels and then written once
        // with both units, or, when the node is first told its part after both were released, made once with both.
        Assert.InRange(hostUnitsWrites, 1, 2);
        Directory.Delete(artifacts, recursive: true);
    }

    private static ServiceStatusReport Service(DeploymentStatusResult status, string name) => status.Services.Single(s => s.ServiceName == name);

    /// <summary>Pods pick up a crash loop (or its healing) when they start, so the test restarts them as an operator would.</summary>
    private static async Task DeletePodsAsync(ConvergenceHarness harness, string service)
    {
        var client = harness.Cluster.CreateClient();
        var pods = await client.CoreV1.ListNamespacedPodAsync(TestSpecs.Namespace);
        foreach (var pod in pods.Items.Where(p => p.Metadata.Name.StartsWith(service + "-", StringComparison.Ordinal)))
            await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, TestSpecs.Namespace);
    }
}
