using System.Text.Json.Serialization;

namespace Orchestrator.Messages.Deployments;

/// <summary>
/// One condition of an OpenStackDeployment's status, shaped as Kubernetes' metav1.Condition: a type (Ready,
/// Progressing, Degraded, Paused), True/False/Unknown, a CamelCase reason, a message for people, the generation it
/// describes and when its status last flipped (RFC 3339, seconds).
/// </summary>
public sealed record DeploymentCondition(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("observedGeneration")] long ObservedGeneration,
    [property: JsonPropertyName("lastTransitionTime")] string LastTransitionTime);

/// <summary>
/// The status subresource of an OpenStackDeployment as the orchestrator writes it: the generation it has acted on,
/// the conditions, and a summary of services and nodes by state ("17/19").
/// </summary>
public sealed record DeploymentResourceStatus(
    [property: JsonPropertyName("observedGeneration")] long ObservedGeneration,
    [property: JsonPropertyName("conditions")] IReadOnlyList<DeploymentCondition> Conditions,
    [property: JsonPropertyName("readyServices")] string? ReadyServices,
    [property: JsonPropertyName("readyNodes")] string? ReadyNodes)
{
    /// <summary>Equal in content (records compare lists by reference).</summary>
    public bool SameAs(DeploymentResourceStatus? other) =>
        other is not null && other.ObservedGeneration == ObservedGeneration && other.ReadyServices == ReadyServices
        && other.ReadyNodes == ReadyNodes && other.Conditions.SequenceEqual(Conditions);
}
