using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Hosting;

/// <summary>Everything the composition root needs to start an orchestrator member; the command line fills it in.</summary>
public sealed record OrchestratorOptions(
    IKubernetes Kubernetes,
    JournalLocation Journal,
    string AkkaHocon,
    int Port,
    CoordinatorTimings Timings,
    TimeProvider Clock)
{
    public override string ToString() => $"OrchestratorOptions {{ journal {Journal.Display}, port {Port} }}";
}
