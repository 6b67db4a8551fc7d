using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// Which deployment a node belongs to. The claim is an annotation on the Node object: the one object every
/// deployment's node supervisor reads before it labels the node, wherever those supervisors run, and one the API
/// server writes atomically (the claim is written fenced by the resourceVersion it was decided on, so of two racing
/// claims only one succeeds and the other reads again and is refused). No actor has to see every deployment.
/// </summary>
public static class NodeClaim
{
    public const string Annotation = "openstack.orchestrator.io/claimed-by";

    /// <summary>The words a refusal's reason carries, so the deployment's condition can name it NodeClaimed.</summary>
    public const string ClaimedByPhrase = "claimed by deployment";

    public enum Outcome
    {
        Claim,
        AlreadyOurs,
        Refused,
    }

    /// <param name="owner">The annotation's value on the node as read, or null when there is none.</param>
    public static Outcome Decide(string? owner, DeploymentKey claimant) =>
        string.IsNullOrEmpty(owner) ? Outcome.Claim
        : owner == claimant.ToString() ? Outcome.AlreadyOurs
        : Outcome.Refused;

    public static string Refusal(string owner) => $"{ClaimedByPhrase} {owner}; a node serves one deployment";
}
