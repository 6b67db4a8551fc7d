using k8s.Models;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// Level-triggered while running: what an operator changes by hand with the real kubectl in a field we render is
/// put back within a repair interval, without a new spec, and each repair is a journal event naming what drifted.
/// </summary>
public sealed class DriftRepairSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Objects_scaled_edited_or_deleted_by_hand_are_put_back_and_each_repair_names_what_drifted()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        var kubeconfig = Path.Combine(harness.Folder, "kubeconfig");
        KubeconfigWriter.Write(harness.Cluster.BaseUri, kubeconfig);
        var kubectl = new OperatorKubectl(kubeconfig);

        await kubectl.RunAsync("-n", TestSpecs.Namespace, "scale", "deployment", "keystone", "--replicas=5");
        await kubectl.RunAsync("-n", TestSpecs.Namespace, "set", "image", "deployment/glance-api", "glance-api=registry.example.com/evil:1");
        await kubectl.RunAsync("-n", TestSpecs.Namespace, "delete", "service", "glance-api");

        await Eventually.Get(async () =>
        {
            var keystone = await harness.Adapter.GetAsync<V1Deployment>(TestSpecs.Namespace, "keystone", default);
            var glance = await harness.Adapter.GetAsync<V1Deployment>(TestSpecs.Namespace, "glance-api", default);
            var service = await harness.Adapter.GetAsync<V1Service>(TestSpecs.Namespace, "glance-api", default);
            return (KeystoneReplicas: keystone?.Spec.Replicas, GlanceImage: glance?.Spec.Template.Spec.Containers.Single().Image, GlanceService: service is not null);
        }, seen => seen.KeystoneReplicas == 2 && seen.GlanceImage == "registry.example.com/glance:2025.1" && seen.GlanceService,
            "the scaled, edited and deleted objects put back", Bound);
        // A repair is journaled once all of its service's writes are done: seen on the server, it may not be recorded yet.
        static bool AllRecorded(IReadOnlyList<string> causes) =>
            causes.Any(c => c.Contains("deployment keystone: spec.replicas")) && causes.Any(c => c.Contains("service glance-api: absent"))
            && causes.Any(c => c.Contains("deployment glance-api: spec.template.spec.containers[0].image"));
        var repairs = await Eventually.Get(async () => (IReadOnlyList<string>)(await harness.ReadJournalAsync()).Select(e => e.Event)
            .OfType<ServiceObjectsApplied>().Select(e => e.Cause).ToList(), AllRecorded, "the repairs journaled", Bound);
        await harness.StopSystemAsync();

        Assert.Contains(repairs, cause => cause.Contains("deployment keystone: spec.replicas 5 -> 2"));
        Assert.Contains(repairs, cause => cause.Contains("deployment glance-api: spec.template.spec.containers[0].image registry.example.com/evil:1 -> registry.example.com/glance:2025.1"));
        Assert.Contains(repairs, cause => cause.Contains("service glance-api: absent"));
    }

    [Fact]
    public async Task A_converged_deployment_left_running_writes_nothing_over_several_repair_intervals()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        var writes = harness.ObjectWrites();

        // Three repair passes, each of which reads the two Deployments to compare them.
        var reads = harness.Cluster.Counters.Requests("get", "deployments.apps");
        await Eventually.Get(() => Task.FromResult(harness.Cluster.Counters.Requests("get", "deployments.apps")), gets => gets >= reads + 3 * 2,
            "three repair passes", Bound);

        Assert.Equal(writes, harness.ObjectWrites());
    }
}
