using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Kubernetes;

/// <summary>
/// The cluster-scoped `HostUnits` custom resource, named after its node: the NodeSupervisor writes the spec,
/// the node's agent writes the status. `kubectl get hostunits` shows an operator the whole picture.
/// </summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
public sealed class HostUnitsResource : IKubernetesObject<V1ObjectMeta>, ISpec<HostUnitsSpec>, IStatus<HostUnitsStatus?>
{
    public const string Group = "openstack.orchestrator.io";
    public const string Version = "v1alpha1";
    public const string KindName = "HostUnits";
    public const string Plural = "hostunits";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public HostUnitsSpec Spec { get; set; } = new("", []);

    [JsonPropertyName("status")]
    public HostUnitsStatus? Status { get; set; }
}
