using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Operator;

/// <summary>What the status of an OpenStackDeployment is made from: the coordinator's view of the deployment.</summary>
public sealed record StatusInputs(
    long ObservedGeneration,
    bool Paused,
    bool Deleting,
    IReadOnlyList<string> InvalidErrors,
    DeploymentStatus Status,
    string? Reason,
    string? ReadyServices,
    string? ReadyNodes);

/// <summary>
/// The status an OpenStackDeployment should carry: conditions Ready, Progressing, Degraded and Paused with CamelCase
/// reasons, the generation acted on, and the services and nodes summary. Pure: the coordinator compares the result
/// with what the object holds and writes only a difference.
/// </summary>
public static class DeploymentConditions
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
    public const string Paused = "Paused";

    public static DeploymentResourceStatus Desired(DeploymentResourceStatus? observed, StatusInputs inputs, DateTimeOffset now)
    {
        var generation = inputs.ObservedGeneration;
        var (readyStatus, readyReason, readyMessage) = ReadyCondition(inputs);
        var degraded = inputs.InvalidErrors.Count == 0 && inputs.Status is DeploymentStatus.Degraded or DeploymentStatus.Failed;
        var progressing = inputs.InvalidErrors.Count == 0 && !inputs.Paused
            && (inputs.Deleting || inputs.Status is DeploymentStatus.Pending or DeploymentStatus.Progressing);
        DeploymentCondition[] wanted =
        [
            new(Ready, readyStatus, readyReason, readyMessage, generation, ""),
            new(Progressing, progressing ? "True" : "False",
                inputs.Deleting ? "Deleting" : progressing ? "RollingOut" : inputs.InvalidErrors.Count > 0 ? "InvalidSpec" : inputs.Paused ? "Paused" : "Converged",
                progressing ? Progress(inputs) : "no rollout under way", generation, ""),
            new(Degraded, degraded ? "True" : "False", degraded ? DegradedReason(inputs) : "AsExpected",
                degraded ? inputs.Reason ?? inputs.Status.ToString() : "nothing degraded", generation, ""),
            new(Paused, inputs.Paused ? "True" : "False", inputs.Paused ? "PausedByAnnotation" : "Reconciling",
                inputs.Paused
                    ? $"annotation {Kubernetes.OpenStackDeploymentResource.PausedAnnotation}=\"true\": nothing is written until it is removed"
                    : "changes are applied", generation, ""),
        ];
        var conditions = observed?.Conditions ?? [];
        foreach (var condition in wanted)
            conditions = ConditionSet.Set(conditions, condition, now);
        return new DeploymentResourceStatus(generation, conditions,
            inputs.ReadyServices ?? observed?.ReadyServices, inputs.ReadyNodes ?? observed?.ReadyNodes);
    }

    private static (string Status, string Reason, string Message) ReadyCondition(StatusInputs inputs)
    {
        if (inputs.Deleting)
            return ("False", "Deleting", "the deployment is being deleted: host units, HostUnits and node labels are removed first");
        if (inputs.InvalidErrors.Count > 0)
            return ("False", "InvalidSpec", "the spec is invalid, nothing was applied: " + string.Join("; ", inputs.InvalidErrors));
        return inputs.Status switch
        {
            DeploymentStatus.Ready => ("True", "Ready", "every service and node is ready"),
            DeploymentStatus.Degraded => ("False", DegradedReason(inputs), inputs.Reason ?? "degraded"),
            DeploymentStatus.Failed => ("False", "Failed", inputs.Reason ?? "failed"),
            _ => ("False", "RollingOut", Progress(inputs)),
        };
    }

    /// <summary>Which part is degraded, as a reason a person can filter on; the message says which one and why.</summary>
    private static string DegradedReason(StatusInputs inputs)
    {
        if (inputs.Status == DeploymentStatus.Failed)
            return "Failed";
        var reason = inputs.Reason ?? "";
        if (reason.Contains(Nodes.NodeClaim.ClaimedByPhrase, StringComparison.Ordinal))
            return "NodeClaimed";
        if (reason.StartsWith("node ", StringComparison.Ordinal))
            return "NodeDegraded";
        if (reason.StartsWith("shared objects", StringComparison.Ordinal))
            return "SharedObjectsFailing";
        return "ServiceDegraded";
    }

    private static string Progress(StatusInputs inputs) =>
        inputs.ReadyServices is not null ? $"{inputs.ReadyServices} services and {inputs.ReadyNodes} nodes ready" : "rolling out";
}
