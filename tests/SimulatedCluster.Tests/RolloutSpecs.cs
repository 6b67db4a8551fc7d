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

    [Fact]
    public async Task Rollout_undo_brings_back_the_previous_replica_set_instead_of_making_a_new_one()
    {
        var manifest = WriteFile("shop.yaml", NoSurgeDeployment("shop:1"));
        await Kubectl.Run("apply", "-f", manifest);
        await Kubectl.Run("rollout", "status", "deployment/shop", "--timeout=60s");
        var first = await Kubectl.Run("get", "rs", "-l", "app=shop", "-o", "name");
        await Kubectl.Run("set", "image", "deployment/shop", "shop=shop:2");
        await Kubectl.Run("rollout", "status", "deployment/shop", "--timeout=60s");

        var undo = await Kubectl.Run("rollout", "undo", "deployment/shop");
        var rollout = await Kubectl.Run("rollout", "status", "deployment/shop", "--timeout=60s");
        var sets = await Kubectl.Run("get", "rs", "-l", "app=shop", "-o", "custom-columns=NAME:.metadata.name,DESIRED:.spec.replicas,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision", "--no-headers");

        Assert.Equal("deployment.apps/shop rolled back\n", undo.Out);
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        var rows = sets.Out.Trim().Split('\n').Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(2, rows.Count);
        var current = Assert.Single(rows, r => r[1] == "5");
        Assert.Equal(first.Out.Trim(), "replicaset.apps/" + current[0]);
        Assert.Equal("3", current[2]);
    }
}
