using System.Text.Json.Nodes;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The one decision of an apply: what the server holds (null: nothing) against what we would write. The adapter's
/// apply acts on it, `orchestrator diff` prints it; both call this, so a diff predicts exactly the writes of the apply.
/// </summary>
public static class ApplyDecision
{
    /// <summary>The outcome, and what differed ("absent", or each field we render that the server holds otherwise).</summary>
    public static (ApplyOutcome Outcome, IReadOnlyList<string> Drift) Decide(JsonObject desired, JsonObject? observed)
    {
        if (observed is null)
            return (ApplyOutcome.Created, ["absent"]);
        var drift = FieldDrift.Of(desired, observed);
        return (drift.Count == 0 ? ApplyOutcome.Unchanged : ApplyOutcome.Updated, drift);
    }
}
