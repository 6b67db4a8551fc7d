using k8s.Models;
using static Orchestrator.Actors.Kubernetes.OpenApiSchema;

namespace Orchestrator.Actors.Kubernetes;

/// <summary>
/// The CustomResourceDefinition of `HostUnits`: cluster-scoped (named after its node), a spec written by the
/// orchestrator and a status subresource written by the node's agent. Its columns show an operator at a glance
/// what each node runs and what is failing.
/// </summary>
public static class HostUnitsDefinition
{
    public static V1CustomResourceDefinition Create() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = V1CustomResourceDefinition.KubeKind,
        Metadata = new V1ObjectMeta { Name = HostUnitsResource.Plural + "." + HostUnitsResource.Group },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = HostUnitsResource.Group,
            Scope = "Cluster",
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = HostUnitsResource.KindName,
                ListKind = HostUnitsResource.KindName + "List",
                Plural = HostUnitsResource.Plural,
                Singular = "hostunits",
                ShortNames = ["hu"],
                Categories = ["openstack"],
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = HostUnitsResource.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    AdditionalPrinterColumns =
                    [
                        Column("Units", ".spec.units[*].name", "The units this node must run"),
                        Column("Active", ".status.units[?(@.active==true)].name", "Units the agent reports active"),
                        Column("Failed", ".status.units[?(@.failed==true)].name", "Units the agent reports failed"),
                        Column("Reported", ".status.reportedAt", "When the agent last reported", "date"),
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
            ["node"] = String("The node these units run on (also the object's name)."),
            ["units"] = ArrayOf(Object(new Dictionary<string, V1JSONSchemaProps>
            {
                ["name"] = String("The service name; also the systemd unit's file name."),
                ["namespace"] = String("The namespace of the ConfigMap and Secret."),
                ["source"] = String("The service's virtualenv, copied to /opt/<name> on the host."),
                ["unit"] = String("The systemd unit file text."),
                ["configMap"] = String("The ConfigMap whose files go to /etc/<name>/."),
                ["secret"] = String("The Secret whose files go to /etc/<name>/."),
                ["conntrack"] = Boolean("False: the agent takes the ports out of connection tracking."),
                ["ports"] = ArrayOf(String("A port or range with its protocol, e.g. 5900-5999/tcp.")),
                ["hash"] = String("Hash of everything above and the files' content; the agent restarts the unit when it changes."),
                ["configHash"] = String("The content hash the ConfigMap must carry; the agent installs its files only then."),
                ["secretHash"] = String("The content hash the Secret must carry; the agent installs its files only then."),
            }, "name", "namespace", "source", "unit", "configMap", "secret", "conntrack", "ports", "hash"), "The units this node must run."),
        }, "node", "units").Described("What the node must run; written by the orchestrator."),
        ["status"] = Object(new Dictionary<string, V1JSONSchemaProps>
        {
            ["units"] = ArrayOf(Object(new Dictionary<string, V1JSONSchemaProps>
            {
                ["name"] = String("The unit's service name."),
                ["installed"] = Boolean("Files and unit are in place."),
                ["active"] = Boolean("systemd reports the unit active."),
                ["failed"] = Boolean("systemd reports the unit failed, or the agent could not install it."),
                ["restarts"] = Integer("How often the agent restarted the unit.", minimum: 0),
                ["observedHash"] = String("The unit hash the agent last converged to."),
                ["lastError"] = String("The last error the agent met for this unit."),
            }, "name", "installed", "active", "failed", "restarts")),
            ["reportedAt"] = DateTime("When the agent wrote this status."),
        }).Described("What the node's agent observes; written by the agent."),
    }, "spec");
}
