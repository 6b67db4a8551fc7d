using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The pod template of an api or pinned service: one container of the service's image on a controller node,
/// its ConfigMap and Secret projected together into /etc/&lt;service&gt;/, and the hash of both on the
/// template so that a change to either replaces exactly these pods.
/// </summary>
public static class ServicePodTemplate
{
    private const string ConfigVolume = "etc";

    public static V1PodTemplateSpec For(ServiceSpec service, string deployment, string configHash)
    {
        var labels = ObjectMetadata.Labels(deployment, service.Name);
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = labels,
                Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [WellKnown.ConfigHashAnnotation] = configHash,
                },
            },
            Spec = new V1PodSpec
            {
                NodeSelector = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [NodeRoles.Label(NodeRoles.Controller)] = "",
                },
                Containers = [Container(service, configHash)],
                Volumes =
                [
                    new V1Volume
                    {
                        Name = ConfigVolume,
                        Projected = new V1ProjectedVolumeSource
                        {
                            // Secret files are readable by the service's user, not by everyone in the pod.
                            DefaultMode = Convert.ToInt32("0440", 8),
                            Sources =
                            [
                                new V1VolumeProjection { ConfigMap = new V1ConfigMapProjection { Name = ResourceNames.ConfigMap(service.Name) } },
                                new V1VolumeProjection { Secret = new V1SecretProjection { Name = ResourceNames.Secret(service.Name) } },
                            ],
                        },
                    },
                ],
            },
        };
    }

    private static V1Container Container(ServiceSpec service, string configHash) => new()
    {
        Name = service.Name,
        Image = service.Image,
        Env = [new V1EnvVar { Name = WellKnown.ConfigHashEnvironmentVariable, Value = configHash }],
        Ports = service.Port is { } port
            ? [new V1ContainerPort { Name = "service", ContainerPort = port, Protocol = "TCP" }]
            : null,
        ReadinessProbe = service.Port is { } probePort
            ? new V1Probe { TcpSocket = new V1TCPSocketAction { Port = probePort }, PeriodSeconds = 10 }
            : null,
        VolumeMounts = [new V1VolumeMount { Name = ConfigVolume, MountPath = ResourceNames.ConfigDirectory(service.Name), ReadOnlyProperty = true }],
    };
}
