using System.Collections.Immutable;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// The pure state of a node's set of units: which are wanted (with their spec), which are being removed and
/// which entries were refused. Decide compares the observed HostUnits spec with it; Apply folds events in.
/// </summary>
public sealed record HostState
{
    public static readonly HostState Empty = new();

    public ImmutableSortedDictionary<string, HostUnitSpec> Desired { get; init; } = ImmutableSortedDictionary<string, HostUnitSpec>.Empty;
    public ImmutableSortedSet<string> Removing { get; init; } = ImmutableSortedSet<string>.Empty;
    public ImmutableSortedDictionary<string, string> Refused { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public IReadOnlyList<IHostEvent> Decide(object command, string node) => command switch
    {
        DesiredUnitsObserved observed => DecideObserved(observed.Spec, node),
        UnitRemovalFinished finished when Removing.Contains(finished.Name) => [new HostUnitForgotten(finished.Name)],
        _ => [],
    };

    public HostState Apply(IHostEvent @event) => @event switch
    {
        HostUnitDesired e => this with { Desired = Desired.SetItem(e.Spec.Name, e.Spec), Removing = Removing.Remove(e.Spec.Name) },
        HostUnitRefused e => this with { Refused = Refused.SetItem(e.Name, e.Reason) },
        HostUnitRefusalCleared e => this with { Refused = Refused.Remove(e.Name) },
        HostUnitRemovalRequested e => this with { Desired = Desired.Remove(e.Name), Removing = Removing.Add(e.Name) },
        HostUnitForgotten e => this with { Removing = Removing.Remove(e.Name) },
        _ => this,
    };

    private List<IHostEvent> DecideObserved(HostUnitsSpec? spec, string node)
    {
        var events = new List<IHostEvent>();
        var wanted = new Dictionary<string, HostUnitSpec>(StringComparer.Ordinal);
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec is not null && spec.Node != node)
        {
            // A corrupt object: refuse it whole and leave the host as it runs.
            var reason = $"node: the object names node \"{spec.Node}\", this agent runs on \"{node}\"";
            return Refused.GetValueOrDefault(spec.Node ?? "") == reason ? events : [new HostUnitRefused(spec.Node ?? "", reason)];
        }
        foreach (var group in (spec?.Units ?? []).GroupBy(unit => unit.Name ?? "", StringComparer.Ordinal))
        {
            var errors = HostUnitValidation.Check(group.First()).ToList();
            if (group.Count() > 1)
                errors.Add("name: listed more than once");
            if (errors.Count > 0)
                refused[group.Key] = string.Join("; ", errors);
            else
                wanted[group.Key] = group.First();
        }

        foreach (var (name, reason) in refused)
        {
            if (Refused.GetValueOrDefault(name) != reason)
                events.Add(new HostUnitRefused(name, reason));
        }
        foreach (var name in Refused.Keys.Where(name => !refused.ContainsKey(name)))
            events.Add(new HostUnitRefusalCleared(name));
        foreach (var (name, unit) in wanted)
        {
            if (!Desired.TryGetValue(name, out var current))
                events.Add(new HostUnitDesired(unit, Removing.Contains(name) ? "listed again while being removed" : "new in HostUnits"));
            else if (!SameSpec(current, unit))
                events.Add(new HostUnitDesired(unit, $"hash {current.Hash} -> {unit.Hash}"));
        }
        // A unit that turned invalid is left as it runs (refused, not removed): a typo must not stop a database.
        foreach (var name in Desired.Keys.Where(name => !wanted.ContainsKey(name) && !refused.ContainsKey(name)))
            events.Add(new HostUnitRemovalRequested(name, spec is null ? "HostUnits object deleted" : "no longer in HostUnits"));
        return events;
    }

    private static bool SameSpec(HostUnitSpec a, HostUnitSpec b) =>
        a.Hash == b.Hash && a.Source == b.Source && a.Unit == b.Unit && a.ConfigMap == b.ConfigMap &&
        a.Secret == b.Secret && a.Namespace == b.Namespace && a.Conntrack == b.Conntrack && a.Ports.SequenceEqual(b.Ports);
}
