using Akka.Actor;
using Orchestrator.Actors.Agent;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Agent.Tests.Agent;

public sealed class AgentEventSerializerSpecs : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HostUnitSpec Spec = new("nova-compute", "openstack", "/artifacts/nova", "[Service]\n", "nova", "nova-secret", false, ["16509/tcp"], "h1");
    private readonly ActorSystem _system = ActorSystem.Create("serializer-specs");

    public void Dispose() => _system.Dispose();

    private static readonly object[] All =
    [
        new UnitInstallStarted(Spec, "new unit"), new UnitFilesInstalled("h1"), new UnitStarted("h1", "enabled and started"),
        new UnitStepFailed(UnitPhase.Installing, "configMap openstack/nova: not found", 2, At, false), new UnitBecameActive(At),
        new UnitWentDown("failed (failed), exit status 3", ["line ***"], At, true, At), new UnitRestartedBySystemd(3, 1, ["x"], false, At),
        new UnitRestartedByAgent(2, At), new UnitRecovered(At), new UnitRemovalStarted("gone"), new UnitRemoved("nova-compute"),
        new UnitWaitingForInputs("h2", "waiting for ConfigMap nova to carry hash 9c1d (has 3f2a)", At),
        new HostUnitDesired(Spec, "new in HostUnits"), new HostUnitRefused("../etc", "name: must be a DNS-1035 label"),
        new HostUnitRefusalCleared("../etc"), new HostUnitRemovalRequested("nova-compute", "no longer in HostUnits"), new HostUnitForgotten("nova-compute"),
    ];

    public static TheoryData<object> Events() => new(All);

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_round_trips_under_a_stable_manifest_that_is_not_a_type_name(object @event)
    {
        var serializer = new AgentEventSerializer((ExtendedActorSystem)_system);

        var manifest = serializer.Manifest(@event);
        var back = serializer.FromBinary(serializer.ToBinary(@event), manifest);

        Assert.DoesNotContain("Orchestrator", manifest);
        Assert.EndsWith(".v1", manifest);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(@event, @event.GetType()), System.Text.Json.JsonSerializer.Serialize(back, back.GetType()));
    }

    [Fact]
    public void Every_agent_event_type_has_a_manifest()
    {
        var serializer = new AgentEventSerializer((ExtendedActorSystem)_system);
        var eventTypes = typeof(IUnitEvent).Assembly.GetTypes()
            .Where(type => type.IsClass && (typeof(IUnitEvent).IsAssignableFrom(type) || typeof(IHostEvent).IsAssignableFrom(type)))
            .ToList();
        var covered = All.Select(@event => @event.GetType()).ToHashSet();

        Assert.Equal(eventTypes.ToHashSet(), covered);
        Assert.Equal(All.Length, All.Select(serializer.Manifest).Distinct().Count());
    }
}
