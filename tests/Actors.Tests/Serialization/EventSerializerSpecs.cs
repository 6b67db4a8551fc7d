using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Orchestrator.Actors.Serialization;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Serialization;

public sealed class EventSerializerSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public EventSerializerSpecs()
        : base(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName))))
    {
    }

    public static TheoryData<object> Events() =>
    [
        new ServiceSpecChanged("keystone", ServiceKind.Api, "spec", "cfg", new Dictionary<string, string> { ["keystone.conf"] = "3f2a" }, [], "first seen", T0),
        new ServiceWaitingForDependencies("keystone", ["mariadb"], "dependencies not ready: mariadb", T0),
        new ServiceApplyStarted("keystone", "spec", "dependencies ready: mariadb", T0),
        new ServiceObjectsApplied("keystone", "spec", 5, "5 object(s) written", T0),
        new ServiceRollingOut("keystone", "deployment keystone 1 ready of 2", T0),
        new ServiceBecameReady("keystone", "deployment keystone 2/2 ready", T0),
        new ServiceDegraded("keystone", "pod keystone-x crash-looping, 5 restarts", "observed", T0),
        new ServiceFailed("keystone", "HTTP 422 Invalid", "the API refused an object", T0),
        new NodeSpecChanged("node-2", ["compute"], "n1", new Dictionary<string, string> { ["nova-compute"] = "u1" }, "first seen", T0),
        new NodeLabelled("node-2", "n1", "labels written", T0),
        new NodeHostUnitsWritten("node-2", "n1", "HostUnits written", T0),
        new NodeBecameReady("node-2", "1 unit(s) active", T0),
        new NodeConverging("node-2", "drift", T0),
        new NodeDegraded("node-2", "node NotReady", "observed", T0),
        new DeploymentAccepted("cloud", "h1", [new PlannedService("keystone", ServiceKind.Api, ["mariadb"])], [new PlannedNode("node-1", ["controller"])], "first seen", T0),
        new DeploymentStatusChanged("cloud", DeploymentStatus.Ready, null, "1/1 services ready", T0),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_goes_through_the_journal_format_and_comes_back_equal(object @event)
    {
        var serializer = Sys.Serialization.FindSerializerFor(@event);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, @event);

        var back = Sys.Serialization.Deserialize(serializer.ToBinary(@event), serializer.Identifier, manifest);

        Assert.IsType<EventSerializer>(serializer);
        Assert.Equal(EventManifests.ByType[@event.GetType()], manifest);
        Assert.Equal(Encoding.UTF8.GetString(serializer.ToBinary(@event)), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Fact]
    public void Every_event_type_has_its_own_versioned_manifest_that_names_no_CLR_type()
    {
        var eventTypes = typeof(IServiceEvent).Assembly.GetTypes()
            .Where(t => !t.IsInterface && (typeof(IServiceEvent).IsAssignableFrom(t) || typeof(INodeEvent).IsAssignableFrom(t) || typeof(IDeploymentEvent).IsAssignableFrom(t)));

        Assert.All(eventTypes, t => Assert.True(EventManifests.ByType.ContainsKey(t), $"{t.Name} has no manifest"));
        Assert.Equal(EventManifests.ByType.Count, EventManifests.ByType.Values.Distinct().Count());
        Assert.All(EventManifests.ByType.Values, m => Assert.Matches("^[a-z]+(-[a-z]+)*\\.v[0-9]+$", m));
    }

    [Fact]
    public void Service_ready_is_stored_as_plain_json_under_its_stable_manifest()
    {
        var serializer = (EventSerializer)Sys.Serialization.FindSerializerFor(new ServiceBecameReady("nova-api", "ready", T0));

        var json = Encoding.UTF8.GetString(serializer.ToBinary(new ServiceBecameReady("nova-api", "ready", T0)));

        Assert.Equal("service-ready.v1", serializer.Manifest(new ServiceBecameReady("nova-api", "ready", T0)));
        Assert.Equal("""{"serviceName":"nova-api","cause":"ready","at":"2026-01-01T00:00:00+00:00"}""", json);
    }

    [Fact]
    public void Unknown_manifest_is_refused_rather_than_guessed()
    {
        var serializer = (EventSerializer)Sys.Serialization.FindSerializerFor(new ServiceBecameReady("nova-api", "ready", T0));

        Assert.ThrowsAny<Exception>(() => serializer.FromBinary("{}"u8.ToArray(), "service-ready.v99"));
    }
}
