using k8s;
using k8s.Models;
using Orchestrator.Actors.Rendering;
using Orchestrator.Bench.Config;
using Orchestrator.Bench.Converge;
using Orchestrator.Bench.Scale;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Bench;

/// <summary>
/// The parts the new bench figures stand on, without measuring anything: the critical path's length, the growth
/// exponent, and the round-trip recorder against a real simulated server.
/// </summary>
public sealed class BenchFigurePartsSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-bench-parts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Layered_cloud_has_as_many_dependency_levels_as_it_was_asked_for_and_its_host_service_joins_the_last()
    {
        var cloud = new LayeredCloud(Levels: 4, ServicesPerLevel: 3, ControllerNodes: 2, ComputeNodes: 1, HostService: true);

        var levels = DependencyLevels.Of(cloud.Write(Path.Combine(_folder, "layered.yaml"), _folder));

        Assert.Equal(cloud.Services, levels.Count);
        Assert.Equal(4, levels.Values.Max());
        Assert.Equal(3, levels.Count(l => l.Value == 1));
        Assert.Equal(4, levels["compute-agent"]);
    }

    [Fact]
    public void Growth_exponent_is_one_for_linear_points_and_two_for_quadratic_ones()
    {
        Assert.Equal(1.0, ScaleGrowthFigure.Exponent([(100, 3), (1000, 30), (10000, 300)]), precision: 6);
        Assert.Equal(2.0, ScaleGrowthFigure.Exponent([(10, 100), (20, 400), (40, 1600)]), precision: 6);
        Assert.True(double.IsNaN(ScaleGrowthFigure.Exponent([(10, 100)])));
    }

    [Fact]
    public void Critical_path_through_measured_workloads_is_the_heaviest_dependency_chain_and_an_unmeasured_service_weighs_the_default()
    {
        var dependsOn = new Dictionary<string, IReadOnlyList<string>>
        {
            ["db"] = [], ["cache"] = [], ["keystone"] = ["db", "cache"], ["glance"] = ["keystone"], ["agent"] = ["keystone"],
        };
        var seconds = new Dictionary<string, double> { ["db"] = 3, ["cache"] = 5, ["keystone"] = 4, ["glance"] = 2 };

        // cache (5) -> keystone (4) -> agent (unmeasured: 6) outweighs db (3) and glance (2).
        Assert.Equal(15, WorkloadTimes.CriticalPath(dependsOn, seconds, otherwise: 6), precision: 9);
        Assert.Equal(11, WorkloadTimes.CriticalPath(dependsOn, seconds, otherwise: 1), precision: 9);
    }

    [Fact]
    public async Task Workload_times_span_from_the_last_generation_written_to_every_replica_ready_and_leave_out_what_is_not_ready()
    {
        await using var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions { ReadyDelay = TimeSpan.FromMilliseconds(300) });
        using var client = cluster.CreateClient();
        const string ns = "served";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        using var times = new WorkloadTimes(cluster, ns);

        await client.AppsV1.CreateNamespacedDeploymentAsync(Workload("api", replicas: 2), ns);
        // A workload of another namespace never counts.
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "elsewhere" } });
        await client.AppsV1.CreateNamespacedDeploymentAsync(Workload("other", replicas: 1), "elsewhere");
        await Eventually.True(() => Task.FromResult(times.Seconds().ContainsKey("api")), "api's replicas ready", TimeSpan.FromMinutes(1));

        var seconds = times.Seconds();
        Assert.Equal(["api"], seconds.Keys);
        // The span holds the kubelet's two delays (to Running, to Ready), each at least half the configured 300 ms.
        Assert.True(seconds["api"] >= 0.3, $"api's span {seconds["api"]:0.000}s is shorter than the kubelet's least delays");
    }

    private static V1Deployment Workload(string service, int replicas)
    {
        var labels = new Dictionary<string, string> { ["app"] = service, [Orchestrator.Actors.Kubernetes.WellKnown.ServiceLabel] = service };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = service, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = service } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = service, Image = "registry.example.com/svc:1" }] },
                },
            },
        };
    }

    [Fact]
    public async Task Round_trips_are_counted_from_the_configmap_write_to_the_first_new_pod_watches_and_the_deployments_own_reports_apart()
    {
        await using var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions { ReadyDelay = TimeSpan.Zero });
        using var client = cluster.CreateClient();
        const string ns = "trips";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var configMap = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = ResourceNames.ConfigMap("svc"), NamespaceProperty = ns }, Data = new Dictionary<string, string> { ["a"] = "1" } };
        await client.CoreV1.CreateNamespacedConfigMapAsync(configMap, ns);
        var labels = new Dictionary<string, string> { ["app"] = "svc" };
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "svc", NamespaceProperty = ns },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels, Annotations = new Dictionary<string, string> { ["hash"] = "1" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "svc", Image = "registry.example.com/svc:1" }] },
                },
            },
        };
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        // Settled: its pod runs and the controller has written the status it will write, so the read-then-replace below
        // is not raced by a status write (a 409, as a real API server would answer).
        await Eventually.True(async () => cluster.Store.List(SimulatedCluster.Resources.BuiltInResources.Pods, ns).Items.Count == 1
            && (await client.AppsV1.ReadNamespacedDeploymentAsync("svc", ns)).Status?.ReadyReplicas == 1, "the deployment's pod ready", TimeSpan.FromMinutes(1));

        using var recorder = new RoundTripRecorder(cluster, ns, "svc");
        // Before the ConfigMap changes nothing counts.
        await client.AppsV1.ReadNamespacedDeploymentAsync("svc", ns);
        configMap.Data["a"] = "2";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(configMap, configMap.Metadata.Name, ns);
        // An Event the operator records beside the change (as it does for a rollout's start) is listed apart.
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "svc.rollout", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = "svc", NamespaceProperty = ns },
            Reason = "RolloutStarted", Message = "started", Type = "Normal",
        }, ns);
        var live = await client.AppsV1.ReadNamespacedDeploymentAsync("svc", ns);
        live.Spec.Template.Metadata.Annotations["hash"] = "2";
        await client.AppsV1.ReplaceNamespacedDeploymentAsync(live, "svc", ns);
        await recorder.PodCreated.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["update configmaps/svc-etc", "get deployments/svc", "update deployments/svc"], recorder.Requests);
        Assert.Equal(["create events/"], recorder.Reports);
    }
}
