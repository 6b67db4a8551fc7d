using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Kubernetes;

/// <summary>
/// The namespaced `OpenStackDeployment` custom resource as it travels over the API. The spec stays JSON here: it is
/// read into the model by the same reader and validator as `validate` (<see cref="Operator.CustomResourceSpec"/>), so a
/// spec that the API server accepted but the orchestrator does not gets the same messages as a file would.
/// </summary>
[KubernetesEntity(Group = OpenStackDeployment.Group, ApiVersion = OpenStackDeployment.Version, Kind = OpenStackDeployment.ExpectedKind,
    PluralName = OpenStackDeploymentDefinition.Plural)]
public sealed class OpenStackDeploymentResource : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>While it is on an object, the orchestrator removes what the object made before the object may go.</summary>
    public const string Finalizer = "openstack.orchestrator.io/teardown";

    /// <summary>`"true"` stops every write for the deployment; observation and status go on.</summary>
    public const string PausedAnnotation = "openstack.orchestrator.io/paused";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = OpenStackDeployment.ExpectedApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = OpenStackDeployment.ExpectedKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public JsonNode? Spec { get; set; }

    [JsonPropertyName("status")]
    public DeploymentResourceStatus? Status { get; set; }

    public bool Paused => Metadata.Annotations?.TryGetValue(PausedAnnotation, out var value) == true
        && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
