using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Hosting;

/// <summary>Everything the composition root needs to start an orchestrator member; the command line fills it in.</summary>
public sealed record OrchestratorOptions(
    IKubernetes Kubernetes,
    JournalLocation Journal,
    string AkkaHocon,
    ClusterMembership Membership,
    CoordinatorTimings Timings,
    TimeProvider Clock,
    IReadOnlyList<string>? WatchNamespaces = null)
{
    /// <summary>The namespaces whose OpenStackDeployment objects this member watches; empty: every namespace.</summary>
    public IReadOnlyList<string> Namespaces => WatchNamespaces ?? [];

    public override string ToString() => $"OrchestratorOptions {{ journal {Journal.Display}, member {Membership} }}";
}
