using k8s.Models;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;
using Orchestrator.Actors.Rendering;
using Orchestrator.Actors.Telemetry;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster;
using Orchestrator.SimulatedCluster.Api;

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
    public async Task A_converged_deployment_left_running_reads_and_writes_none_of_its_services_objects_over_several_repair_intervals()
    {
        var deployment = Named(TestSpecs.ApiAndPinned(), "steady");
        var key = new DeploymentKey(TestSpecs.Namespace, "steady").ToString();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        var writes = harness.ObjectWrites();
        var reads = new List<string>();
        void Read(RequestArrival request)
        {
            if (request.Verb == "get" && IsServiceObject(deployment, request))
                lock (reads)
                    reads.Add($"{request.Resource}/{request.Name}");
        }
        harness.Cluster.Counters.Arrived += Read;

        // Three repair passes, in which each of the three services compares its objects with what the watches reported.
        var checks = OrchestratorMetrics.ServiceChecks.WithLabels(key, "watch").Value;
        await Eventually.Get(() => Task.FromResult(OrchestratorMetrics.ServiceChecks.WithLabels(key, "watch").Value),
            seen => seen >= checks + 3 * 3, "three repair passes compared with the watches' report", Bound);
        harness.Cluster.Counters.Arrived -= Read;

        lock (reads)
            Assert.Empty(reads);
        Assert.Equal(writes, harness.ObjectWrites());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_configuration_file_changed_with_kubectl_edit_is_put_back_from_the_watch_report_without_a_read()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        var kubeconfig = Path.Combine(harness.Folder, "kubeconfig");
        KubeconfigWriter.Write(harness.Cluster.BaseUri, kubeconfig);
        var editor = Path.Combine(harness.Folder, "editor");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nexec sed -i 's/debug = false/debug = true/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var reads = new List<string>();
        void Read(RequestArrival request)
        {
            if (request.Verb == "get" && IsServiceObject(deployment, request) && request.Resource != "configmaps")
                lock (reads)
                    reads.Add($"{request.Resource}/{request.Name}");
        }
        harness.Cluster.Counters.Arrived += Read;

        // kubectl edit reads the ConfigMap itself: the orchestrator's reads are those of the other objects, and there are none.
        var edited = await new OperatorKubectl(kubeconfig).EditAsync(editor, "-n", TestSpecs.Namespace, "configmap", "keystone-etc");
        Assert.Contains("configmap/keystone-etc edited", edited);

        await Eventually.Get(async () => (await harness.Adapter.GetAsync<V1ConfigMap>(TestSpecs.Namespace, "keystone-etc", default))?.Data["keystone.conf"],
            conf => conf == "[DEFAULT]\ndebug = false\n", "the edited configuration file put back", Bound);
        harness.Cluster.Counters.Arrived -= Read;
        await harness.StopSystemAsync();

        lock (reads)
            Assert.Empty(reads);
        var repairs = (await harness.ReadJournalAsync()).Select(e => e.Event).OfType<ServiceObjectsApplied>().Select(e => e.Cause).ToList();
        Assert.Contains(repairs, cause => cause.Contains("configmap keystone-etc: data[keystone.conf]"));
    }

    private static OpenStackDeployment Named(OpenStackDeployment deployment, string name) =>
        deployment with { Metadata = deployment.Metadata with { Name = name } };

    /// <summary>A request for one of the objects the services own (not the shared ones: namespace, TLS Secret, hash key).</summary>
    private static bool IsServiceObject(OpenStackDeployment deployment, RequestArrival request) =>
        request.Namespace == TestSpecs.Namespace
        && request.Resource is "configmaps" or "secrets" or "services" or "ingresses" or "deployments" or "statefulsets"
        && deployment.Spec.Services.Any(s => request.Name == s.Name || request.Name == ResourceNames.ConfigMap(s.Name) || request.Name == ResourceNames.Secret(s.Name));
}
