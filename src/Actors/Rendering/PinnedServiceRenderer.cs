using k8s;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// A pinned service: a StatefulSet behind a headless Service of the same name, so every pod keeps a stable
/// host name (`&lt;service&gt;-0.&lt;service&gt;`), its pods started together, or one after the other with `orderedStart`.
/// </summary>
public static class PinnedServiceRenderer
{
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Render(
        ServiceSpec service, OpenStackDeployment deployment, string configHash)
    {
        var name = deployment.Metadata.Name;
        var @namespace = deployment.Metadata.Namespace;
        var headless = new V1Service
        {
            ApiVersion = "v1",
            Kind = V1Service.KubeKind,
            Metadata = ObjectMetadata.For(service.Name, @namespace, ObjectMetadata.Labels(name, service.Name)),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = ObjectMetadata.Selector(name, service.Name),
                // Peers must find each other before they are ready (a rabbitmq cluster forming, for one).
                PublishNotReadyAddresses = true,
                Ports = service.Port is { } port
                    ? [new V1ServicePort { Name = "service", Port = port, TargetPort = port, Protocol = "TCP" }]
                    : null,
            },
        };
        var workload = new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = V1StatefulSet.KubeKind,
            Metadata = ObjectMetadata.For(service.Name, @namespace, ObjectMetadata.Labels(name, service.Name)),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = service.Name,
                Replicas = service.Replicas,
                // Together unless the service asks for one after the other: ordered start costs a pod's time to Ready per replica.
                PodManagementPolicy = service.OrderedStart ? "OrderedReady" : "Parallel",
                Selector = new V1LabelSelector { MatchLabels = ObjectMetadata.Selector(name, service.Name) },
                Template = ServicePodTemplate.For(service, name, configHash),
            },
        };
        return [headless, workload];
    }
}
