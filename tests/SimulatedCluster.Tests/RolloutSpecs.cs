namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>`kubectl rollout` against strategies and histories that an operator sets, answered as a real cluster answers.</summary>
[Trait("Category", "EndToEnd")]
public sealed class RolloutSpecs : ClusterSpecs
{
    private static string NoSurgeDeployment(string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          replicas: 5
          strategy:
            type: RollingUpdate
            rollingUpdate: {"{"}maxSurge: 0, maxUnavailable: 1{"}"}
          selector:
            matchLabels: {"{"}app: shop{"}"}
          template:
            metadata:
              labels: {"{"}app: shop{"}"}
            spec:
              containers:
              - name: shop
                image: {image}
        """;

    [Fact]
    public async Task A_rollout_without_surge_replaces_pods_one_unavailable_at_a_time()
    {
        var manifest = WriteFile("shop.yaml", NoSurgeDeployment("shop:1"));
        await Kubectl.Run("apply", "-f", manifest);
        await Kubectl.Run("rollout", "status", "deployment/shop", "--timeout=60s");

        await Kubectl.Run("set", "image", "deployment/shop", "shop=shop:2");
        var rollout = await Kubectl.Run("rollout", "status", "deployment/shop", "--timeout=60s");
        var images = await Kubectl.Run("get", "pods", "-l", "app=shop", "-o", "jsonpath={.items[*].spec.containers[0].image}");

        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Equal(Enumerable.Repeat("shop:2", 5), images.Out.Split(' '));
    }
}
