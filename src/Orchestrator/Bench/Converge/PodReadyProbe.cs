using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Bench.Processes;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.Bench.Converge;

/// <summary>
/// One pod's time to Ready on a given server: a Deployment of one replica created through the KubernetesClient, timed
/// until the server's own Deployment status counts the replica ready (read from the store every 10 ms, so the reading
/// adds no request). It includes what every dependency level must wait for at least: the Deployment and ReplicaSet
/// controllers, the scheduler and the kubelet's delays to Running and to Ready.
/// </summary>
public static class PodReadyProbe
{
    public const string Namespace = "bench-probe";

    public static async Task<double> SecondsAsync(InProcessCluster server, int attempt, CancellationToken cancellationToken)
    {
        using var client = server.Cluster.CreateClient();
        if (server.Cluster.Store.Get(BuiltInResources.Namespaces, "", Namespace) is null)
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);
        var name = $"probe-{attempt}";
        var labels = new Dictionary<string, string> { ["app"] = name };
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "probe", Image = "registry.example.com/probe:1" }] },
                },
            },
        };
        var clock = Stopwatch.StartNew();
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, Namespace, cancellationToken: cancellationToken);
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            var stored = server.Cluster.Store.Get(BuiltInResources.Deployments, Namespace, name);
            if (stored?["status"] is JsonObject status && InProcessCluster.NumberOf(status["readyReplicas"]) >= 1)
            {
                var seconds = clock.Elapsed.TotalSeconds;
                await client.AppsV1.DeleteNamespacedDeploymentAsync(name, Namespace, cancellationToken: cancellationToken);
                return seconds;
            }
            await Task.Delay(10, cancellationToken);
        }
        throw new TimeoutException($"the probe Deployment {Namespace}/{name} had no ready replica within 2 minutes");
    }
}
