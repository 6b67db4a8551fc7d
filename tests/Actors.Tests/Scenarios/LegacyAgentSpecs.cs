using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Deployments;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.Tests.Waiting;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// The node agent shared by every node, left by an orchestrator from before per-node agents, goes at the coordinator's
/// first shared write; the drift repairs after it do not look for it again.
/// </summary>
public sealed class LegacyAgentSpecs
{
    [Fact]
    public async Task An_older_orchestrators_shared_agent_is_pruned_once_and_not_looked_for_at_each_repair()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        using var client = harness.Cluster.CreateClient();
        var generation = await harness.WriteAsync(deployment);
        await client.AppsV1.CreateNamespacedDaemonSetAsync(LegacyAgent(deployment.Metadata.Name), TestSpecs.Namespace);
        var legacyReads = 0;
        var namespaceReads = 0;
        void Arrived(RequestArrival request)
        {
            if (request.Verb != "get")
                return;
            if (request.Resource == "daemonsets" && request.Name == ResourceNames.NodeAgent)
                Interlocked.Increment(ref legacyReads);
            if (request.Resource == "namespaces" && request.Name == TestSpecs.Namespace)
                Interlocked.Increment(ref namespaceReads);
        }
        harness.Cluster.Counters.Arrived += Arrived;
        await harness.StartSystemAsync();

        Assert.Equal(DeploymentStatus.Ready, (await harness.UntilSettledAsync(deployment, generation)).Status);
        var left = await client.AppsV1.ListNamespacedDaemonSetAsync(TestSpecs.Namespace);
        Assert.DoesNotContain(left.Items, d => d.Metadata.Name == ResourceNames.NodeAgent);
        var readsWhenPruned = Volatile.Read(ref legacyReads);
        Assert.True(readsWhenPruned >= 1, "the shared agent was never looked for");

        // Each drift repair applies the shared objects again, the namespace among them: three more reads of it are
        // three repairs (300 ms resync, a repair every 1.5 s in this harness).
        var repairsFrom = Volatile.Read(ref namespaceReads);
        await Eventually.True(() => Volatile.Read(ref namespaceReads) >= repairsFrom + 3, "three drift repairs", TimeSpan.FromSeconds(60));
        harness.Cluster.Counters.Arrived -= Arrived;

        Assert.Equal(readsWhenPruned, Volatile.Read(ref legacyReads));
    }

    private static V1DaemonSet LegacyAgent(string deployment)
    {
        var labels = new Dictionary<string, string>
        {
            [WellKnown.ManagedByLabel] = WellKnown.ManagedByValue,
            [WellKnown.DeploymentLabel] = deployment,
            ["app"] = ResourceNames.NodeAgent,
        };
        return new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = ResourceNames.NodeAgent, Labels = labels },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = ResourceNames.NodeAgent } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "agent", Image = "registry.example.com/agent:old" }] },
                },
            },
        };
    }
}
