using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// Renders what the supervisors must make true. The coordinator renders a deployment once per shared-object write
/// (with inputs only the cluster holds, such as an earlier generated TLS key) and cuts each service's and node's part
/// from that one <see cref="DesiredDeployment"/>, so every part agrees with every other. The parts then travel in the
/// supervisors' messages: a supervisor may run on another cluster member, so nothing is shared through memory.
/// </summary>
public interface IDesiredState
{
    /// <param name="previous">
    /// The last rendering of this same deployment object, when there is one: returned again when the cluster's inputs
    /// are still what it was made from (a drift repair of a large fleet must not render it all again every few seconds).
    /// </param>
    Task<DesiredDeployment> RenderAsync(OpenStackDeployment deployment, DesiredDeployment? previous, CancellationToken cancellationToken);
}
