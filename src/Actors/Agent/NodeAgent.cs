using Akka.Actor;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// One node's agent: the status writer, the HostSupervisor (with its UnitSupervisors) and the HostUnits watcher,
/// started under the given actor system or parent. The real `orchestrator agent` process starts one; an
/// in-process simulation starts one per stateful node, over a simulated host.
/// </summary>
public static class NodeAgent
{
    public static IActorRef Start(IActorRefFactory parent, string node, IHostSystem host, IKubernetes kubernetes, UnitSettings settings, TimeProvider time)
    {
        var config = new UnitConfigReader(kubernetes);
        var writer = parent.ActorOf(HostUnitsStatusWriter.Props(kubernetes, time, settings.MinBackoff), $"status-writer-{node}");
        var supervisor = parent.ActorOf(
            HostSupervisor.Props(node, (service, reportTo) => UnitSupervisor.Props(node, service, host, config, settings, time, reportTo), writer),
            $"host-supervisor-{node}");
        parent.ActorOf(HostUnitsWatcher.Props(node, kubernetes, supervisor, writer, settings.MinBackoff), $"host-units-watcher-{node}");
        return supervisor;
    }
}
