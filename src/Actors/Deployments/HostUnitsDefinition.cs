using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// The CustomResourceDefinition of <see cref="HostUnitsResource"/>: cluster-scoped, with a status subresource the
/// agents write. The orchestrator applies it before anything else, so a fresh cluster can hold HostUnits at once.
/// </summary>
public static class HostUnitsDefinition
{
    public static V1CustomResourceDefinition Create() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = V1CustomResourceDefinition.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = $"{HostUnitsResource.Plural}.{HostUnitsResource.Group}",
            Labels = new Dictionary<string, string> { [WellKnown.ManagedByLabel] = WellKnown.ManagedByValue },
        },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = HostUnitsResource.Group,
            Scope = "Cluster",
            Names = new V1CustomResourceDefinitionNames
            {
                Kind = HostUnitsResource.KindName,
                Plural = HostUnitsResource.Plural,
                Singular = "hostunits",
                ListKind = HostUnitsResource.KindName + "List",
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = HostUnitsResource.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };
}
