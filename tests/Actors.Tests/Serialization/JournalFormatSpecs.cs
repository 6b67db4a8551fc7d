using System.Runtime.Serialization;
using System.Text;
using Akka.Configuration;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Serialization;
using Orchestrator.Actors.Services;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Serialization;

/// <summary>Old manifests are upcast, newer ones refused by name, and the supervisors' snapshots go through stable manifests of their own.</summary>
public sealed class JournalFormatSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public JournalFormatSpecs()
        : base(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName))))
    {
    }

    private EventSerializer Serializer => (EventSerializer)Sys.Serialization.FindSerializerFor(new ServiceBecameReady("x", "y", T0));

    [Fact]
    public void A_v1_deployment_accepted_without_a_namespace_is_upcast_to_v2()
    {
        // Exactly the bytes the previous version wrote (the journal-v1.db fixture holds such an event).
        var v1 = """{"deployment":"cloud","specHash":"96aa","services":[{"name":"keystone","kind":"Api","dependsOn":[]}],"nodes":[],"cause":"first seen","at":"2026-01-01T00:00:00+00:00"}""";

        var read = Assert.IsType<DeploymentAccepted>(Serializer.FromBinary(Encoding.UTF8.GetBytes(v1), "deployment-accepted.v1"));

        Assert.Equal("cloud", read.Deployment);
        Assert.Null(read.Namespace);
        Assert.Equal("keystone", read.Services.Single().Name);
        Assert.Equal("deployment-accepted.v2", Serializer.Manifest(read));
    }

    [Fact]
    public void A_v2_deployment_accepted_keeps_its_namespace()
    {
        var accepted = new DeploymentAccepted("cloud", "h", [], [], "first seen", T0, "openstack");

        var back = Assert.IsType<DeploymentAccepted>(Serializer.FromBinary(Serializer.ToBinary(accepted), Serializer.Manifest(accepted)));

        Assert.Equal("openstack", back.Namespace);
    }

    [Fact]
    public void A_later_version_of_a_known_event_is_refused_as_newer()
    {
        var refused = Assert.Throws<SerializationException>(() => Serializer.FromBinary("{}"u8.ToArray(), "service-ready.v2"));

        Assert.Contains("newer than this orchestrator reads (v1)", refused.Message);
        Assert.True(EventManifests.IsNewer("deployment-accepted.v3"));
        Assert.False(EventManifests.IsNewer("deployment-accepted.v1"));
    }

    [Fact]
    public void Snapshots_of_every_supervisor_state_come_back_equal_under_their_own_manifests()
    {
        var service = ServiceState.Empty("keystone").Apply(new ServiceSpecChanged("keystone", ServiceKind.Api, "s1", "c1",
            new Dictionary<string, string> { ["keystone.conf"] = "3f2a" }, ["node-1"], "first seen", T0))
            .Apply(new ServiceDegraded("keystone", "pod keystone-x crash-looping", "observed", T0));
        var node = NodeState.Empty("node-1").Apply(new NodeSpecChanged("node-1", ["compute"], "n1", new Dictionary<string, string> { ["nova-compute"] = "u1" }, "first", T0));
        var coordinator = CoordinatorState.Empty.Apply(new DeploymentAccepted("cloud", "h", [new PlannedService("keystone", ServiceKind.Api, [])],
            [new PlannedNode("node-1", ["compute"])], "first seen", T0, "openstack")).Apply(new HostServiceReleased("cloud", "mariadb", "written", T0));

        var serviceBack = (ServiceState)RoundTrip(service, "service-state.v1");
        var nodeBack = (NodeState)RoundTrip(node, "node-state.v1");
        var coordinatorBack = ((CoordinatorSnapshot)RoundTrip(CoordinatorSnapshot.Of(coordinator), "coordinator-state.v1")).ToState();

        Assert.Equal(service.Report(), serviceBack.Report());
        Assert.Equal(service.Files, serviceBack.Files);
        Assert.Equal(service.ExpectedNodes, serviceBack.ExpectedNodes);
        Assert.Equal(node.Report().Status, nodeBack.Report().Status);
        Assert.Equal(node.Units, nodeBack.Units);
        Assert.Equal(coordinator.Result().Services.Select(s => s.ServiceName), coordinatorBack.Result().Services.Select(s => s.ServiceName));
        Assert.Equal(coordinator.Released, coordinatorBack.Released);
        Assert.Equal(coordinator.Status, coordinatorBack.Status);
    }

    private object RoundTrip(object snapshot, string manifest)
    {
        var serializer = Sys.Serialization.FindSerializerFor(snapshot);
        Assert.IsType<EventSerializer>(serializer);
        Assert.Equal(manifest, Akka.Serialization.Serialization.ManifestFor(serializer, snapshot));
        return Sys.Serialization.Deserialize(serializer.ToBinary(snapshot), serializer.Identifier, manifest);
    }
}
