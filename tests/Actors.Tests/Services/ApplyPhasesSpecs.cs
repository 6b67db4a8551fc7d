using k8s;
using k8s.Models;
using Orchestrator.Actors.Services;

namespace Orchestrator.Actors.Tests.Services;

public sealed class ApplyPhasesSpecs
{
    [Fact]
    public void A_workload_is_written_after_the_configuration_it_mounts_and_the_rest_together_before_it()
    {
        IKubernetesObject<V1ObjectMeta>[] objects =
        [
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "keystone-etc" } },
            new V1Secret { Metadata = new V1ObjectMeta { Name = "keystone-secrets" } },
            new V1Deployment { Metadata = new V1ObjectMeta { Name = "keystone" } },
            new V1Service { Metadata = new V1ObjectMeta { Name = "keystone" } },
            new V1Ingress { Metadata = new V1ObjectMeta { Name = "keystone" } },
        ];

        var phases = ApplyPhases.Of(objects);

        Assert.Equal([["keystone-etc", "keystone-secrets", "keystone", "keystone"], ["keystone"]],
            phases.Select(p => p.Select(o => o.Metadata.Name).ToList()).ToList());
        Assert.IsType<V1Deployment>(phases[1].Single());
    }

    [Fact]
    public void A_host_service_of_configuration_only_is_one_phase()
    {
        IKubernetesObject<V1ObjectMeta>[] objects =
        [
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "mariadb-etc" } },
            new V1Secret { Metadata = new V1ObjectMeta { Name = "mariadb-secrets" } },
        ];

        Assert.Single(ApplyPhases.Of(objects));
    }
}
