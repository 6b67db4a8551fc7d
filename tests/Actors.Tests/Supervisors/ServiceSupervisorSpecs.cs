using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Services;
using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Supervisors;

/// <summary>
/// One ServiceSupervisor in a TestKit actor system with its journal in a SQLite file, the coordinator played by a
/// probe, applying through the real adapter to the simulated cluster over HTTP.
/// </summary>
public sealed class ServiceSupervisorSpecs : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TestProbe _coordinator;
    private SimulatedCluster.SimulatedCluster _cluster = null!;
    private KubernetesAdapter _adapter = null!;

    public ServiceSupervisorSpecs() : base(Config(Path.Combine(Directory.CreateTempSubdirectory("orchestrator-supervisor-").FullName, "journal.db")))
    {
        _coordinator = CreateTestProbe();
    }

    private static Akka.Configuration.Config Config(string journalFile)
    {
        var connection = JournalLocation.Parse("sqlite:" + journalFile).Location!.ConnectionString;
        return ConfigurationFactory.ParseString($$"""
                akka.persistence.journal.plugin = "akka.persistence.journal.sql"
                akka.persistence.journal.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS", auto-initialize = on }
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
                akka.persistence.snapshot-store.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS", auto-initialize = on }
                """)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName))))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    public async Task InitializeAsync()
    {
        _cluster = await SimulatedCluster.SimulatedCluster.StartAsync();
        _adapter = KubernetesAdapterFactory.FromConfiguration(_cluster.ClientConfiguration(), Serilog.Core.Logger.None,
            new KubernetesAdapterOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(10), RetryBudget = TimeSpan.FromSeconds(2) });
    }

    public async Task DisposeAsync()
    {
        _adapter.Dispose();
        await _cluster.DisposeAsync();
    }

    private static readonly DeploymentKey Cloud = new(TestSpecs.Namespace, "cloud");

    /// <param name="firstReportWait">How long an apply waits for the watches' first report; none by default (no observer here).</param>
    private IActorRef Supervisor(string service, TimeSpan? firstReportWait = null) => Sys.ActorOf(ServiceSupervisor.Props(Cloud, service,
        new RefusalTranslatingKubernetes(_adapter), _coordinator, TimeProvider.System, TimeSpan.FromMilliseconds(50), firstReportWait ?? TimeSpan.Zero));

    /// <summary>The GETs of one object at the server from now on (a list the caller reads once it is done).</summary>
    private List<string> ReadsOf(string name)
    {
        var reads = new List<string>();
        _cluster.Counters.Arrived += request =>
        {
            if (request.Verb == "get" && request.Name == name)
                lock (reads)
                    reads.Add($"{request.Resource}/{request.Name}");
        };
        return reads;
    }

    private static V1ConfigMap Memo(string value) => new()
    {
        ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "memo-etc", NamespaceProperty = "default" },
        Data = new Dictionary<string, string> { ["memo.conf"] = value },
    };

    /// <summary>A service's part of one object, standing in for the renderer (not for Kubernetes).</summary>
    private static ServicePart PartOf(IKubernetesObject<V1ObjectMeta> @object) =>
        new(ServiceKind.Pinned, [@object], "running-hash", [], new Dictionary<string, string>());

    /// <summary>Reports reach the coordinators' region addressed to this deployment.</summary>
    private ServiceStatusReport ExpectStatus(ServiceStatus status) =>
        (ServiceStatusReport)_coordinator.FishForMessage<DeploymentEnvelope>(
            e => e.Deployment == Cloud && e.Message is ServiceStatusReport r && r.Status == status, Bound).Message;

    [Fact]
    public void Service_whose_object_the_API_refuses_fails_with_the_APIs_reason()
    {
        var part = PartOf(new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "Not_A_Valid_Name", NamespaceProperty = "default" },
        });
        var supervisor = Supervisor("memcached");

        supervisor.Tell(new ConfigureService("memcached", part, [], T0));

        var failed = ExpectStatus(ServiceStatus.Failed);
        Assert.Contains("422", failed.Reason);
        Assert.Contains("metadata.name", failed.Reason);
    }

    [Fact]
    public async Task An_apply_waits_for_the_watches_first_report_and_then_decides_on_it_without_a_read()
    {
        var reads = ReadsOf("memo-etc");
        var supervisor = Supervisor("memcached", firstReportWait: TimeSpan.FromMinutes(5));

        supervisor.Tell(new ConfigureService("memcached", PartOf(Memo("x=1")), [], T0));
        supervisor.Tell(new ObserveObjects("memcached", [], T0));

        ExpectStatus(ServiceStatus.RollingOut);
        Assert.Equal("x=1", (await _adapter.GetAsync<V1ConfigMap>("default", "memo-etc", default))!.Data["memo.conf"]);
        lock (reads)
            Assert.Equal(["configmaps/memo-etc"], reads); // the test's own read just above
    }

    [Fact]
    public void Without_a_report_within_the_bound_an_apply_reads_the_objects_itself()
    {
        var reads = ReadsOf("memo-etc");
        var supervisor = Supervisor("memcached", firstReportWait: TimeSpan.FromMilliseconds(200));

        supervisor.Tell(new ConfigureService("memcached", PartOf(Memo("x=2")), [], T0));

        ExpectStatus(ServiceStatus.RollingOut);
        lock (reads)
            Assert.Equal(["configmaps/memo-etc"], reads);
    }

    [Fact]
    public void Service_written_once_recovers_from_its_journal_and_makes_no_write_when_told_the_same_again()
    {
        var part = PartOf(new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "memo-etc", NamespaceProperty = "default" },
            Data = new Dictionary<string, string> { ["memo.conf"] = "x=1" },
        });
        var first = Supervisor("memcached");
        first.Tell(new ConfigureService("memcached", part, [], T0));
        ExpectStatus(ServiceStatus.RollingOut);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first, Bound);
        var writes = _adapter.Writes.Total;

        var second = Supervisor("memcached");
        second.Tell(new ConfigureService("memcached", part, [], T0));
        var report = (ServiceStatusReport)_coordinator.ExpectMsg<DeploymentEnvelope>(Bound).Message;

        Assert.Equal(ServiceStatus.RollingOut, report.Status);
        Assert.Equal(writes, _adapter.Writes.Total);
    }
}
