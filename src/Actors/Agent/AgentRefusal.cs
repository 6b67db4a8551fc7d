using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// An agent that cannot start on its host (a link planted at its state folder, which it refuses to write through)
/// still tells the orchestrator why, where it would report its units: in the status of its node's HostUnits object,
/// every unit failed with the reason. The services and the node then show that reason at once, instead of waiting
/// with none until a timeout.
/// </summary>
public static class AgentRefusal
{
    /// <summary>What the status says of each unit of <paramref name="spec"/>: failed, nothing installed, the reason.</summary>
    public static IReadOnlyList<HostUnitStatus> Units(HostUnitsSpec spec, string reason) =>
        spec.Units.Select(unit => new HostUnitStatus(unit.Name, Installed: false, Active: false, Failed: true, Restarts: 0,
            ObservedHash: null, LastError: "the agent cannot start: " + reason)).ToList();

    /// <summary>
    /// Looks at the node's HostUnits object every <paramref name="interval"/> and writes that status when the object says
    /// otherwise (a new spec, a status from before), until cancelled, or after the first write when <paramref name="once"/>.
    /// </summary>
    /// <returns>Whether the status was written (or already said so).</returns>
    public static async Task<bool> ReportAsync(IKubernetes kubernetes, string node, string reason, TimeProvider clock, TimeSpan interval,
        bool once, Action<string> warn, CancellationToken cancellation)
    {
        var reported = false;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                if (await kubernetes.GetAsync<HostUnitsResource>(null, node, cancellation) is { } current)
                {
                    var units = Units(current.Spec, reason);
                    if (current.Status?.Units is not { } written || !written.SequenceEqual(units))
                        await kubernetes.UpdateStatusAsync(new HostUnitsResource
                        {
                            Metadata = current.Metadata, Spec = current.Spec, Status = new HostUnitsStatus(units, clock.GetUtcNow()),
                        }, cancellation);
                    reported = true;
                    if (once)
                        return true;
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // A conflict with a newer object, or the API server away for a moment: the next look tries again.
                warn(error.Message);
            }
            try
            {
                await Task.Delay(interval, clock, cancellation);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return reported;
    }
}
