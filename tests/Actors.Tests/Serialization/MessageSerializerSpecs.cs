using System.Text;
using Akka.Configuration;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Rendering;
using Orchestrator.Actors.Serialization;
using Orchestrator.Actors.Services;
using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Hosting;
using Orchestrator.Messages;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Serialization;

/// <summary>
/// Every message that may cross cluster members goes through <see cref="MessageSerializer"/> under a stable manifest,
/// with the shipped akka.hocon, and comes back equal; nothing of ours falls back to a reflective format.
/// </summary>
public sealed class MessageSerializerSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DeploymentKey Cloud = new("openstack", "cloud");

    public MessageSerializerSpecs()
        : base(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName))))
    {
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static DesiredDeployment Rendered()
    {
        var deployment = TestSpecs.WithHostDatabase(Path.Combine(Path.GetTempPath(), "message-serializer-specs"));
        return new DesiredDeployment(deployment, DesiredStateRenderer.Render(deployment, null, TimeProvider.System));
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static TheoryData<IClusterMessage> Messages()
    {
        var desired = Rendered();
        var spec = desired.Deployment;
        return
        [
            new DeploymentEnvelope(Cloud, new ConfigureService("keystone", desired.ServicePart("keystone"), ["mariadb"], T0)),
            new DeploymentEnvelope(Cloud, new ConfigureService("mariadb", desired.ServicePart("mariadb"), [], T0)),
            new DeploymentEnvelope(Cloud, new ConfigureNode("db-1", desired.NodePart("db-1"), new HashSet<string> { "mariadb" }, T0)),
            new DeploymentEnvelope(Cloud, new ReconcileDeployment(Cloud, "uid-1", 3, false, false, ["openstack.orchestrator.io/finalizer"], spec, [],
                new DeploymentResourceStatus(2, [new DeploymentCondition("Ready", "True", "Ready", "all ready", 2, "2026-01-01T00:00:00Z")], "2/2", "2/2"), T0)),
            new DeploymentEnvelope(Cloud, new ReconcileDeployment(Cloud, "uid-1", 4, true, false, [], null, ["spec.services[0].name: required"], null, T0)),
            new DeploymentEnvelope(Cloud, new DeploymentRemoved(Cloud)),
            new DeploymentEnvelope(Cloud, new GetDeploymentStatus()),
            new DeploymentStatusResult("cloud", DeploymentStatus.Progressing, "keystone rolling out",
                [new ServiceStatusReport("keystone", ServiceKind.Api, ServiceStatus.RollingOut, "1/2 ready", T0)],
                [new NodeStatusReport("db-1", ["database"], NodeStatus.Ready, null, T0)], 3),
            new DeploymentEnvelope(Cloud, new ServiceStatusReport("keystone", ServiceKind.Api, ServiceStatus.Ready, null, T0)),
            new DeploymentEnvelope(Cloud, new NodeStatusReport("db-1", ["database"], NodeStatus.Degraded, "unit mariadb failed", T0)),
            new DeploymentEnvelope(Cloud, new ObserveWorkload("keystone",
                new WorkloadObservation(WorkloadKind.Deployment, "keystone", 2, 2, 2, 2, 2, 1, 1, null, null, "abc"),
                [new PodObservation("keystone-1", true, 0, null), new PodObservation("keystone-2", false, 3, "CrashLoopBackOff")], T0)),
            new DeploymentEnvelope(Cloud, new ObserveHostUnits("mariadb", [new HostUnitObservation("db-1", true, true, false, 0, "h1", null)], T0)),
            new DeploymentEnvelope(Cloud, new ObserveNode("db-1", true, null,
                new HostUnitsStatus([new HostUnitStatus("mariadb", true, true, false, 1, "h1", "exit 1")], T0), T0)),
            new DeploymentEnvelope(Cloud, new ObserveObjects("keystone", desired.ServicePart("keystone").Objects, T0)),
            new DeploymentEnvelope(Cloud, new GetServiceStatus("keystone")),
            new DeploymentEnvelope(Cloud, new GetNodeStatus("db-1")),
            new DeploymentEnvelope(Cloud, new PauseServiceWrites("keystone", true)),
            new DeploymentEnvelope(Cloud, new PauseNodeWrites("db-1", false)),
        ];
    }

    [Theory]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    [MemberData(nameof(Messages))]
    public void Every_cluster_message_goes_through_the_wire_format_and_comes_back_the_same(IClusterMessage message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);

        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<MessageSerializer>(serializer);
        Assert.Equal(message.GetType(), back.GetType());
        if (message is DeploymentEnvelope envelope)
            Assert.Equal(envelope.Message.GetType(), ((DeploymentEnvelope)back).Message.GetType());
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_service_part_keeps_each_object_in_its_own_model_type_and_its_hashes()
    {
        var part = Rendered().ServicePart("keystone");
        var configure = new DeploymentEnvelope(Cloud, new ConfigureService("keystone", part, [], T0));
        var serializer = Sys.Serialization.FindSerializerFor(configure);

        var back = (ConfigureService)((DeploymentEnvelope)Sys.Serialization.Deserialize(serializer.ToBinary(configure), serializer.Identifier,
            Akka.Serialization.Serialization.ManifestFor(serializer, configure))).Message;

        Assert.Equal(part.Objects.Select(o => o.GetType()), back.Part.Objects.Select(o => o.GetType()));
        Assert.Equal(StateHash.Of(part.Objects), StateHash.Of(back.Part.Objects));
        Assert.Equal(part.RunningHash, back.Part.RunningHash);
        Assert.Equal(part.FileHashes, back.Part.FileHashes);
    }

    [Fact]
    public void Every_type_that_may_cross_members_has_its_own_versioned_manifest_and_is_bound_to_the_message_serializer()
    {
        var types = new[] { typeof(IClusterMessage).Assembly, typeof(MessageSerializer).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsInterface && !t.IsAbstract && typeof(IClusterMessage).IsAssignableFrom(t))
            .ToList();

        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.True(MessageManifests.ByType.ContainsKey(t), $"{t.Name} has no message manifest"));
        Assert.All(types, t => Assert.IsType<MessageSerializer>(Sys.Serialization.FindSerializerForType(t)));
        Assert.Equal(MessageManifests.ByType.Count, MessageManifests.ByType.Values.Distinct().Count());
        Assert.All(MessageManifests.ByType.Values, m => Assert.Matches("^[a-z]+(-[a-z]+)*\\.v[0-9]+$", m));
    }

    [Fact]
    public void Events_stay_in_the_journal_format_and_are_never_taken_for_messages()
    {
        var events = typeof(IServiceEvent).Assembly.GetTypes()
            .Where(t => !t.IsInterface && (typeof(IServiceEvent).IsAssignableFrom(t) || typeof(INodeEvent).IsAssignableFrom(t)
                || typeof(IDeploymentEvent).IsAssignableFrom(t)))
            .ToList();

        Assert.NotEmpty(events);
        Assert.All(events, t => Assert.False(typeof(IClusterMessage).IsAssignableFrom(t), $"{t.Name} is an event and a cluster message"));
        Assert.All(events, t => Assert.IsType<EventSerializer>(Sys.Serialization.FindSerializerForType(t)));
    }

    private sealed record NotForTheWire(string Secret);

    [Fact]
    public void A_type_of_ours_without_a_serializer_is_refused_by_name_instead_of_falling_back_to_reflective_json()
    {
        var serializer = Sys.Serialization.FindSerializerFor(new NotForTheWire("s3cret-value"));

        var refused = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.ToBinary(new NotForTheWire("s3cret-value")));

        Assert.IsType<UnboundMessageSerializer>(serializer);
        Assert.Contains(nameof(NotForTheWire), refused.Message);
        Assert.DoesNotContain("s3cret-value", refused.Message);
    }

    [Fact]
    public void A_manifest_this_member_does_not_know_is_refused_by_name()
    {
        var serializer = (MessageSerializer)Sys.Serialization.FindSerializerForType(typeof(GetDeploymentStatus));

        var refused = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "get-deployment-status.v9"));

        Assert.Contains("get-deployment-status.v9", refused.Message);
    }
}
