using System.Text.Json.Nodes;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The one decision of an apply: what the server holds (null: nothing) against what we would write. The adapter's
/// apply acts on it, `orchestrator diff` prints it; both call this, so a diff predicts exactly the writes of the apply.
/// </summary>
public static class ApplyDecision
{
    public static ApplyOutcome Decide(JsonObject desired, JsonObject? observed) =>
        observed is null ? ApplyOutcome.Created
        : DesiredObject.IsCurrent(desired, observed) ? ApplyOutcome.Unchanged
        : ApplyOutcome.Updated;
}
