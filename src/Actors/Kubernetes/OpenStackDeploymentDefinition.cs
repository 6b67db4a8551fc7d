using k8s.Models;
using Orchestrator.Messages.Spec;
using static Orchestrator.Actors.Kubernetes.OpenApiSchema;

namespace Orchestrator.Actors.Kubernetes;

/// <summary>
/// The CustomResourceDefinition of `OpenStackDeployment` (short name osd): namespaced, the spec of DESIGN.md,
/// a status subresource for the orchestrator's conditions. The API server checks the shape; the orchestrator's
/// own validation checks the rest (names, dependencies, cycles) and reports it in the status.
/// </summary>
public static class OpenStackDeploymentDefinition
{
    public const string Plural = "openstackdeployments";

    public static V1CustomResourceDefinition Create() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = V1CustomResourceDefinition.KubeKind,
        Metadata = new V1ObjectMeta { Name = Plural + "." + OpenStackDeployment.Group },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = OpenStackDeployment.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = OpenStackDeployment.ExpectedKind,
                ListKind = OpenStackDeployment.ExpectedKind + "List",
                Plural = Plural,
                Singular = "openstackdeployment",
                ShortNames = ["osd"],
                Categories = ["openstack"],
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = OpenStackDeployment.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    AdditionalPrinterColumns =
                    [
                        Column("Ready", ".status.conditions[?(@.type==\"Ready\")].status", "Every service and node is ready"),
                        Column("Services", ".status.readyServices", "Services ready, of all the spec names"),
                        Column("Reason", ".status.conditions[?(@.type==\"Ready\")].reason", "Why the deployment is (not) ready"),
                        Column("Age", ".metadata.creationTimestamp", "", "date"),
                    ],
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = Schema() },
                },
            ],
        },
    };

    private static V1JSONSchemaProps Schema() => Object(new Dictionary<string, V1JSONSchemaProps>
    {
        ["apiVersion"] = String("The versioned schema of this object."),
        ["kind"] = String("The kind of this object."),
        ["metadata"] = new V1JSONSchemaProps { Type = "object" },
        ["spec"] = Object(new Dictionary<string, V1JSONSchemaProps>
        {
            ["domain"] = String("API services answer at https://<service>.<domain>."),
            ["agentImage"] = String("The node agent's image (the orchestrator's own image by default)."),
            ["tls"] = Object(new Dictionary<string, V1JSONSchemaProps>
            {
                ["secretName"] = String("The kubernetes.io/tls Secret the Ingresses use."),
                ["generate"] = Boolean("Make a self-signed wildcard *.<domain> certificate into that Secret."),
            }).Described("The Ingresses' TLS certificate."),
            ["nodes"] = ArrayOf(Object(new Dictionary<string, V1JSONSchemaProps>
            {
                ["name"] = String("The Kubernetes node's name."),
                ["roles"] = ArrayOf(String("A role; becomes the node label openstack-<role>=\"\".", [.. NodeRoles.All])),
            }, "name", "roles"), "Nodes and the roles they play."),
            ["services"] = ArrayOf(Object(new Dictionary<string, V1JSONSchemaProps>
            {
                ["name"] = String("A DNS-1035 label, unique among the services."),
                ["kind"] = String("api: Deployment, Service, Ingress; pinned: StatefulSet; host: a systemd unit on its nodes.", "api", "pinned", "host"),
                ["image"] = String("The container image (api and pinned)."),
                ["replicas"] = Integer("Pods of an api or pinned service.", minimum: 1),
                ["port"] = Integer("The Service and Ingress port (api).", 1, 65535),
                ["dependsOn"] = ArrayOf(String("A service that must be ready first.")),
                ["config"] = MapOfStrings("Configuration files by plain file name; mounted at /etc/<service>/."),
                ["secrets"] = MapOfStrings("Secret files by plain file name; kept in a Secret, never logged."),
                ["role"] = String("The node role a host service runs on.", [.. NodeRoles.Stateful]),
                ["source"] = String("The virtualenv a host service runs from, copied to /opt/<service>."),
                ["unit"] = String("The systemd unit file of a host service."),
                ["conntrack"] = Boolean("False: the agent takes the host service's ports out of connection tracking."),
                ["ports"] = ArrayOf(String("A port or range with its protocol, e.g. 5900-5999/tcp.")),
                ["orderedStart"] = Boolean("True: a pinned service's pods start one after the other, each once the one before is Ready; by default together."),
            }, "name", "kind"), "The OpenStack services."),
        }, "domain", "nodes", "services").Described("The OpenStack installation, as in DESIGN.md."),
        ["status"] = new V1JSONSchemaProps
        {
            Type = "object",
            Description = "Written by the orchestrator.",
            XKubernetesPreserveUnknownFields = true,
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["observedGeneration"] = Integer("The spec generation the status describes."),
                ["readyServices"] = String("Services ready, of all the spec names (17/19)."),
                ["readyNodes"] = String("Nodes ready, of all the spec names (3/3)."),
                ["conditions"] = ArrayOf(Object(new Dictionary<string, V1JSONSchemaProps>
                {
                    ["type"] = String("Ready, Progressing, Degraded or Paused."),
                    ["status"] = String("Whether the condition holds.", "True", "False", "Unknown"),
                    ["reason"] = String("A CamelCase reason."),
                    ["message"] = String("What a person should know."),
                    ["observedGeneration"] = Integer("The spec generation the condition describes."),
                    ["lastTransitionTime"] = DateTime("When the status last flipped."),
                }, "type", "status")),
            },
        },
    }, "spec");
}
