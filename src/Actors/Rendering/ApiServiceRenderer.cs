using k8s;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>An api service: a Deployment, a Service on its port and an Ingress at https://&lt;service&gt;.&lt;domain&gt;.</summary>
public static class ApiServiceRenderer
{
    public const string IngressClass = "nginx";

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Render(
        ServiceSpec service, OpenStackDeployment deployment, string configHash)
    {
        var name = deployment.Metadata.Name;
        var @namespace = deployment.Metadata.Namespace;
        // Validation guarantees an api service has a port; 80 only keeps this function total.
        var port = service.Port ?? 80;
        var labels = ObjectMetadata.Labels(name, service.Name);

        var workload = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = V1Deployment.KubeKind,
            Metadata = ObjectMetadata.For(service.Name, @namespace, labels),
            Spec = new V1DeploymentSpec
            {
                Replicas = service.Replicas,
                Selector = new V1LabelSelector { MatchLabels = ObjectMetadata.Selector(name, service.Name) },
                Template = ServicePodTemplate.For(service, name, configHash),
            },
        };
        var network = new V1Service
        {
            ApiVersion = "v1",
            Kind = V1Service.KubeKind,
            Metadata = ObjectMetadata.For(service.Name, @namespace, ObjectMetadata.Labels(name, service.Name)),
            Spec = new V1ServiceSpec
            {
                Selector = ObjectMetadata.Selector(name, service.Name),
                Ports = [new V1ServicePort { Name = "service", Port = port, TargetPort = port, Protocol = "TCP" }],
            },
        };
        var host = ResourceNames.Host(service.Name, deployment.Spec.Domain);
        var ingress = new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = V1Ingress.KubeKind,
            Metadata = ObjectMetadata.For(service.Name, @namespace, ObjectMetadata.Labels(name, service.Name)),
            Spec = new V1IngressSpec
            {
                IngressClassName = IngressClass,
                Tls = [new V1IngressTLS { Hosts = [host], SecretName = deployment.Spec.Tls.SecretName }],
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = service.Name,
                                            Port = new V1ServiceBackendPort { Number = port },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
        return [network, workload, ingress];
    }
}
