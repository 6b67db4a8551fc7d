using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Actors.Rendering;
using Orchestrator.Actors.Telemetry;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// Services decide on what the watches report of their objects, not on reads: a new process on the journal of a
/// converged deployment (`orchestrator run` after a restart, or the next `apply`) takes it over without reading any of
/// them, a configuration change costs the writes it needs and no read, and a service added to the spec is created
/// from the report that it has no objects yet.
/// </summary>
public sealed class WatchReportSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_new_process_takes_a_converged_deployment_over_without_reading_any_of_its_services_objects()
    {
        var deployment = Spec("takeover", services: 4);
        var key = new DeploymentKey(TestSpecs.Namespace, "takeover").ToString();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        await harness.StopSystemAsync();
        var writes = harness.ObjectWrites();
        var requests = Record(harness, deployment);

        await harness.StartSystemAsync();
        // Three repair passes after the take-over, in which every service compares its objects with the watches' report.
        var checks = OrchestratorMetrics.ServiceChecks.WithLabels(key, "watch").Value;
        await harness.UntilAsync(new DeploymentKey(TestSpecs.Namespace, "takeover"), s => s.Status == DeploymentStatus.Ready
            && OrchestratorMetrics.ServiceChecks.WithLabels(key, "watch").Value >= checks + 3 * deployment.Spec.Services.Count);
        await harness.StopSystemAsync();

        Assert.True(OrchestratorMetrics.ServiceChecks.WithLabels(key, "watch").Value >= checks + 3 * deployment.Spec.Services.Count,
            "three repair passes compared with the watches' report");
        lock (requests)
            Assert.Empty(requests);
        Assert.Equal(writes, harness.ObjectWrites());
    }

    [Fact]
    public async Task A_pinned_services_configuration_change_applied_by_a_new_process_writes_its_ConfigMap_and_StatefulSet_and_reads_nothing()
    {
        var deployment = Spec("pinnedchange", services: 2);
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        await harness.StopSystemAsync();
        var requests = Record(harness, deployment);
        var newPod = FirstPodCreated(harness, "pinned-0");

        await harness.StartSystemAsync();
        var changed = Spec("pinnedchange", services: 2, changedPinned: 0);
        var status = await harness.UntilSettledAsync(changed, await harness.WriteAsync(changed));
        Assert.Equal(DeploymentStatus.Ready, status.Status);
        Assert.Same(newPod, await Task.WhenAny(newPod, Task.Delay(Bound)));
        await harness.StopSystemAsync();

        lock (requests)
            Assert.Equal(["update configmaps/pinned-0-etc", "update statefulsets/pinned-0"], requests);
    }

    [Fact]
    public async Task A_service_added_to_a_running_deployment_creates_its_objects_without_reading_them_first()
    {
        var deployment = Spec("added", services: 2);
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        var grown = Spec("added", services: 4);
        var requests = Record(harness, grown);

        await harness.WriteAsync(grown);
        var status = await harness.UntilAsync(s => s.Status == DeploymentStatus.Ready && s.Services.Count == grown.Spec.Services.Count
            && s.Services.All(r => r.Status == ServiceStatus.Ready));
        await harness.StopSystemAsync();

        Assert.Equal(DeploymentStatus.Ready, status.Status);

        lock (requests)
            Assert.Empty(requests); // a create names its object in its body, not in its path: only reads and updates count here
        Assert.NotNull(await harness.Adapter.GetAsync<V1StatefulSet>(TestSpecs.Namespace, "pinned-1", default));
        Assert.NotNull(await harness.Adapter.GetAsync<V1Deployment>(TestSpecs.Namespace, "api-1", default));
    }

    /// <summary>
    /// Pairs of services as the bench generates them: pinned-N (a StatefulSet with a configuration file) and api-N (a
    /// Deployment with an Ingress) that depends on it. <paramref name="changedPinned"/>: that pinned service's file has one more line.
    /// </summary>
    private static OpenStackDeployment Spec(string name, int services, int? changedPinned = null)
    {
        var lines = Enumerable.Range(0, services / 2).SelectMany(i => new[]
        {
            $$$"""    - {name: pinned-{{{i}}}, kind: pinned, image: "registry.example.com/pinned:2025.1", replicas: 1, config: {pinned.conf: "[DEFAULT]\nid = {{{i}}}\n{{{(i == changedPinned ? "debug = true\\n" : "")}}}"}, secrets: {password: "pw-{{{i}}}"}}""",
            $$$"""    - {name: api-{{{i}}}, kind: api, image: "registry.example.com/api:2025.1", replicas: 1, port: {{{5000 + i}}}, dependsOn: [pinned-{{{i}}}], config: {api.conf: "[DEFAULT]\nid = {{{i}}}\n"}, secrets: {password: "pw-{{{i}}}"}}""",
        });
        var loaded = SpecLoader.Parse($$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: {{name}}, namespace: {{TestSpecs.Namespace}}}
            spec:
              domain: k8s.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: node-1, roles: [controller]}
                - {name: node-2, roles: [controller]}
              services:
            {{string.Join("\n", lines)}}
            """);
        return loaded.Deployment ?? throw new InvalidOperationException("test spec invalid: " + string.Join("; ", loaded.Errors));
    }

    /// <summary>Every request for one of the services' own objects from now on, in arrival order ("get configmaps/api-0-etc"); watches and lists apart.</summary>
    private static List<string> Record(ConvergenceHarness harness, OpenStackDeployment deployment)
    {
        var requests = new List<string>();
        harness.Cluster.Counters.Arrived += request =>
        {
            if (request.Verb is not ("watch" or "list") && IsServiceObject(deployment, request))
                lock (requests)
                    requests.Add($"{request.Verb} {request.Resource}/{request.Name}");
        };
        return requests;
    }

    /// <summary>Done when the server stores the service's first new pod.</summary>
    private static Task FirstPodCreated(ConvergenceHarness harness, string service)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Cluster.Store.Changed += change =>
        {
            if (change.Type == StoreEvent.Added && change.Resource.Plural == "pods"
                && ((string?)(change.Object["metadata"] as JsonObject)?["name"])?.StartsWith(service + "-", StringComparison.Ordinal) == true)
                created.TrySetResult();
        };
        return created.Task;
    }

    /// <summary>A request for one of the objects the services own (not the shared ones: namespace, TLS Secret, hash key).</summary>
    private static bool IsServiceObject(OpenStackDeployment deployment, RequestArrival request) =>
        request.Namespace == TestSpecs.Namespace
        && request.Resource is "configmaps" or "secrets" or "services" or "ingresses" or "deployments" or "statefulsets"
        && deployment.Spec.Services.Any(s => request.Name == s.Name || request.Name == ResourceNames.ConfigMap(s.Name) || request.Name == ResourceNames.Secret(s.Name));
}
