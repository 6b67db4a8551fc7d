using k8s;
using k8s.Models;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// A drift repair hands the last rendering back to the renderer, which returns it again only while it is what a new
/// rendering would give: the same deployment object, and the TLS material and hash key the cluster holds.
/// </summary>
public sealed class RenderReuseSpecs
{
    [Fact]
    public async Task The_last_rendering_is_reused_only_while_the_object_and_the_clusters_inputs_are_the_ones_it_was_made_from()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        await harness.StopSystemAsync();
        var renderer = new RenderedDesiredState(harness.Adapter, TimeProvider.System);
        var first = await renderer.RenderAsync(deployment, null, CancellationToken.None);

        Assert.Same(first, await renderer.RenderAsync(deployment, first, CancellationToken.None));
        // Another object (an equal spec, a later generation): rendered again, as its parts must be cut from it.
        Assert.NotSame(first, await renderer.RenderAsync(deployment with { }, first, CancellationToken.None));

        using var client = harness.Cluster.CreateClient();
        var key = await client.CoreV1.ReadNamespacedSecretAsync(ResourceNames.HashKeySecret, TestSpecs.Namespace);
        await client.CoreV1.DeleteNamespacedSecretAsync(ResourceNames.HashKeySecret, TestSpecs.Namespace);
        Assert.NotSame(first, await renderer.RenderAsync(deployment, first, CancellationToken.None));

        // The same key put back: the inputs are the first rendering's again.
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = ResourceNames.HashKeySecret, Labels = key.Metadata.Labels, Annotations = key.Metadata.Annotations },
            Type = key.Type,
            Data = key.Data,
        }, TestSpecs.Namespace);
        Assert.Same(first, await renderer.RenderAsync(deployment, first, CancellationToken.None));

        await client.CoreV1.DeleteNamespacedSecretAsync("tls-ingress", TestSpecs.Namespace);
        Assert.NotSame(first, await renderer.RenderAsync(deployment, first, CancellationToken.None));
    }
}
