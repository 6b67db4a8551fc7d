using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using Akka.Persistence;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// The agent's root: turns each observed HostUnits spec into a UnitSupervisor per unit (persisted decisions
/// first, so a restarted agent finishes removals it had started), and gathers the units' reports into the
/// status it hands to the status writer. Each child sits under a backoff supervisor.
/// </summary>
public sealed class HostSupervisor : ReceivePersistentActor
{
    private readonly string _node;
    private readonly Func<ServiceName, IActorRef, Props> _unitProps;
    private readonly IActorRef _statusWriter;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ImmutableSortedDictionary<string, HostUnitStatus> _reports = ImmutableSortedDictionary<string, HostUnitStatus>.Empty;

    public HostSupervisor(string node, Func<ServiceName, IActorRef, Props> unitProps, IActorRef statusWriter)
    {
        _node = node;
        _unitProps = unitProps;
        _statusWriter = statusWriter;
        PersistenceId = $"agent-host-{node}";

        Recover<IHostEvent>(e => State = State.Apply(e));
        Recover<RecoveryCompleted>(_ =>
        {
            // Each child asks for its orders once it has replayed (UnitSupervisorStarted).
            foreach (var name in State.Desired.Keys.Concat(State.Removing))
                Unit(name);
            Publish();
        });

        Command<DesiredUnitsObserved>(Handle);
        Command<UnitRemovalFinished>(Handle);
        Command<UnitSupervisorStarted>(started =>
        {
            if (State.Desired.TryGetValue(started.Name, out var spec))
                Sender.Tell(new ConvergeUnit(spec));
            else if (State.Removing.Contains(started.Name))
                Sender.Tell(new RemoveUnit("removal resumed after a restart"));
        });
        Command<UnitStatusReported>(report =>
        {
            if (!State.Desired.ContainsKey(report.Name) && !State.Removing.Contains(report.Name))
                return;
            _reports = _reports.SetItem(report.Name, report.Status);
            Publish();
        });
    }

    public override string PersistenceId { get; }

    public HostState State { get; private set; } = HostState.Empty;

    public static Props Props(string node, Func<ServiceName, IActorRef, Props> unitProps, IActorRef statusWriter) =>
        Akka.Actor.Props.Create(() => new HostSupervisor(node, unitProps, statusWriter));

    private void Handle(object command)
    {
        var events = State.Decide(command, _node);
        if (events.Count == 0)
            return;
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            _log.Info("Host {Node}: {Event}", _node, e.ToString());
            switch (e)
            {
                case HostUnitDesired desired:
                    Unit(desired.Spec.Name).Tell(new ConvergeUnit(desired.Spec));
                    break;
                case HostUnitRemovalRequested removal:
                    Unit(removal.Name).Tell(new RemoveUnit(removal.Cause));
                    break;
                case HostUnitForgotten forgotten:
                    _reports = _reports.Remove(forgotten.Name);
                    Context.Child(ChildName(forgotten.Name)).Tell(PoisonPill.Instance);
                    break;
            }
        });
        DeferAsync(events, _ => Publish());
    }

    private IActorRef Unit(string name)
    {
        var child = Context.Child(ChildName(name));
        if (!child.IsNobody())
            return child;
        // A UnitSupervisor that throws is restarted after a growing pause, and never given up on: its unit stays
        // watched (it replays its journal on each restart), and a unit that keeps failing is reported, not dropped.
        var backoff = BackoffSupervisor.Props(Backoff.OnFailure(
            _unitProps(ServiceName.Parse(name), Self), "unit", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2, -1));
        return Context.ActorOf(backoff, ChildName(name));
    }

    private static string ChildName(string name) => "unit-" + name;

    /// <summary>
    /// The node's status: each unit's last report, and each refused entry as failed with its reason. Held back
    /// until every unit has reported once, so a restarted agent never shows its units as missing for a moment.
    /// </summary>
    private void Publish()
    {
        if (State.Desired.Keys.Concat(State.Removing).Any(name => !_reports.ContainsKey(name)))
            return;
        var units = _reports.Values
            .Concat(State.Refused.Select(refused => new HostUnitStatus(refused.Key, false, false, true, 0, null, "refused: " + refused.Value)))
            .OrderBy(unit => unit.Name, StringComparer.Ordinal)
            .ToList();
        _statusWriter.Tell(new HostStatusChanged(units));
    }
}

/// <summary>The node's per-unit status as it should appear in the HostUnits status subresource.</summary>
public sealed record HostStatusChanged(IReadOnlyList<HostUnitStatus> Units);
