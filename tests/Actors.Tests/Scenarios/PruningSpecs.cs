using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>What the spec no longer names is deleted, found by our labels; nothing else is touched.</summary>
public sealed class PruningSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_service_removed_from_the_spec_loses_its_objects_and_objects_without_all_our_labels_stay()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        // Look-alikes: another deployment's, one without the service label, one without any label.
        await harness.Adapter.ApplyAsync(Map("other-deployments", new() { [WellKnown.ManagedByLabel] = WellKnown.ManagedByValue, [WellKnown.DeploymentLabel] = "other", [WellKnown.ServiceLabel] = "glance-api" }), default);
        await harness.Adapter.ApplyAsync(Map("no-service-label", new() { [WellKnown.ManagedByLabel] = WellKnown.ManagedByValue, [WellKnown.DeploymentLabel] = "cloud" }), default);
        await harness.Adapter.ApplyAsync(Map("hand-made", null), default);

        var without = deployment with { Spec = deployment.Spec with { Services = deployment.Spec.Services.Where(s => s.Name != "glance-api").ToList() } };
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(without)).Status);

        await Eventually.Get(async () => string.Join(", ", new[]
        {
            await harness.Adapter.GetAsync<V1Deployment>(TestSpecs.Namespace, "glance-api", default) is null ? null : "deployment",
            await harness.Adapter.GetAsync<V1Service>(TestSpecs.Namespace, "glance-api", default) is null ? null : "service",
            await harness.Adapter.GetAsync<V1Ingress>(TestSpecs.Namespace, "glance-api", default) is null ? null : "ingress",
            await harness.Adapter.GetAsync<V1ConfigMap>(TestSpecs.Namespace, "glance-api-etc", default) is null ? null : "configmap",
            await harness.Adapter.GetAsync<V1Secret>(TestSpecs.Namespace, "glance-api-secrets", default) is null ? null : "secret",
        }.OfType<string>()), left => left.Length == 0, "glance-api's objects deleted", Bound);
        Assert.NotNull(await harness.Adapter.GetAsync<V1Deployment>(TestSpecs.Namespace, "keystone", default));
        Assert.NotNull(await harness.Adapter.GetAsync<V1ConfigMap>(TestSpecs.Namespace, "keystone-etc", default));
        foreach (var name in new[] { "other-deployments", "no-service-label", "hand-made" })
            Assert.NotNull(await harness.Adapter.GetAsync<V1ConfigMap>(TestSpecs.Namespace, name, default));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_host_service_removed_from_the_spec_is_stopped_and_its_files_removed_by_the_agent()
    {
        var artifacts = Directory.CreateTempSubdirectory("prune-artifacts-").FullName;
        try
        {
            var deployment = TestSpecs.WithHostDatabase(artifacts);
            await using var harness = await ConvergenceHarness.StartAsync(deployment);
            harness.StartAgents();
            await harness.StartSystemAsync();
            Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
            var host = Path.Combine(harness.Folder, "hosts", "db-1");
            Assert.True(File.Exists(Path.Combine(host, "lib", "systemd", "system", "mariadb.service")));

            var without = deployment with
            {
                Spec = deployment.Spec with
                {
                    Services = deployment.Spec.Services.Where(s => s.Name != "mariadb").Select(s => s with { DependsOn = [] }).ToList(),
                },
            };
            Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(without)).Status);

            await Eventually.Get(() => Task.FromResult(string.Join(", ",
                new[] { Path.Combine(host, "lib", "systemd", "system", "mariadb.service"), Path.Combine(host, "opt", "mariadb"), Path.Combine(host, "etc", "mariadb") }
                    .Where(path => File.Exists(path) || Directory.Exists(path)))), left => left.Length == 0, "the unit removed from db-1", Bound);
            await Eventually.Get(async () => (await harness.Adapter.GetAsync<HostUnitsResource>(null, "db-1", default))?.Status?.Units.Count,
                units => units == 0, "the unit gone from the status", Bound);
            Assert.Null(await harness.Adapter.GetAsync<V1ConfigMap>(TestSpecs.Namespace, "mariadb-etc", default));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    private static V1ConfigMap Map(string name, Dictionary<string, string>? labels) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = TestSpecs.Namespace, Labels = labels },
        Data = new Dictionary<string, string> { ["x"] = "y" },
    };

}
