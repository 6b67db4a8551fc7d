using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Services;
using Orchestrator.Actors.Supervision;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Hosting;

/// <summary>
/// The composition root: one Akka.Hosting chain that makes this process a cluster member (joining itself, or the
/// seed nodes it is given), with the DeploymentCoordinator, ServiceSupervisor and NodeSupervisor shard regions (every entity
/// keyed by its deployment), the watcher of OpenStackDeployment objects that feeds the coordinators, and the journal
/// on SQLite or PostgreSQL. Nothing below this reads the environment or the console.
/// </summary>
public sealed class OrchestratorSystem : IAsyncDisposable
{
    public const string SystemName = "orchestrator";
    private const int MaxShards = 50;
    private const string PoolSizePath = "orchestrator.journal.postgres-pool-size";

    private readonly IHost _host;

    private OrchestratorSystem(IHost host, ActorSystem system, IActorRef coordinator)
    {
        _host = host;
        System = system;
        Coordinator = coordinator;
    }

    public ActorSystem System { get; }

    /// <summary>The DeploymentCoordinator shard region: messages go to it in a <see cref="DeploymentEnvelope"/>.</summary>
    public IActorRef Coordinator { get; }

    public static async Task<OrchestratorSystem> StartAsync(OrchestratorOptions options, CancellationToken cancellationToken)
    {
        if (options.Journal.SqliteFile is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            SqliteWriteAheadLog.Enable(file);
        }
        var desiredState = new RenderedDesiredState(options.Kubernetes, options.Clock);
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(SystemName, (builder, _) => Configure(builder, options, desiredState)))
            .Build();
        await host.StartAsync(cancellationToken);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var registry = host.Services.GetRequiredService<ActorRegistry>();
        var coordinator = await registry.GetAsync<Coordinator>(cancellationToken);
        await registry.GetAsync<Watcher>(cancellationToken);
        return new OrchestratorSystem(host, system, coordinator);
    }

    private static void Configure(AkkaConfigurationBuilder builder, OrchestratorOptions options, IDesiredState desiredState)
    {
        var membership = options.Membership;
        // Entities are not remembered: when a member dies, every member's watcher sends each deployment's object again
        // once the dead member is removed, which starts its coordinator where its shard now lives; the coordinator reads
        // its object and hands out every part again, which starts the supervisors where theirs live (they replay their
        // journal and carry on). Remembering would add the shards' bookkeeping to the journal the audit reads.
        var shardOptions = new ShardOptions { StateStoreMode = StateStoreMode.DData, RememberEntities = false };
        builder.AddHocon(options.AkkaHocon, HoconAddMode.Prepend);
        // A cluster of one (`apply`, or `run` without seeds) has nobody to gossip with or hand its singletons to: the
        // leader's tick and the singletons' hand-over retry (1 s each by default) only delay its own leaving, two seconds of
        // every `apply`'s exit. Prepended last, so they win.
        if (membership.SeedNodes.Count == 0)
            builder.AddHocon("akka.cluster.leader-actions-interval = 100ms\nakka.cluster.singleton.hand-over-retry-interval = 100ms", HoconAddMode.Prepend);
        builder
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
                loggers.LogLevel = AkkaLogLevel.OfSerilog();
            })
            .WithRemoting(new RemoteOptions { HostName = membership.BindHost, PublicHostName = membership.Host, Port = membership.Port })
            .WithClustering(new ClusterOptions
            {
                SeedNodes = membership.SeedAddresses.ToArray(),
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithJournal(options.Journal, options.Journal.ConnectionStringWithPool(
                Akka.Configuration.ConfigurationFactory.ParseString(options.AkkaHocon).GetInt(PoolSizePath, 0)))
            .WithShardRegion<ServiceRegion>(ServiceShardExtractor.TypeName,
                (system, registry, _) => entityId =>
                {
                    var (deployment, name) = EntityIds.ReadPart(entityId);
                    return EntityRestart.Around(ServiceSupervisor.Props(deployment, name, Fenced(options, system), registry.Get<Coordinator>(),
                        options.Clock, options.Timings.MinBackoff, options.Timings.RepairInterval), options.Timings.MinBackoff);
                },
                new ServiceShardExtractor(MaxShards), shardOptions)
            .WithShardRegion<NodeRegion>(NodeShardExtractor.TypeName,
                (system, registry, _) => entityId =>
                {
                    var (deployment, name) = EntityIds.ReadPart(entityId);
                    return EntityRestart.Around(NodeSupervisor.Props(deployment, name, Fenced(options, system), registry.Get<Coordinator>(),
                        options.Clock, options.Timings.MinBackoff), options.Timings.MinBackoff);
                },
                new NodeShardExtractor(MaxShards), shardOptions)
            .WithShardRegion<Coordinator>(CoordinatorShardExtractor.TypeName,
                (system, registry, _) => entityId => EntityRestart.Around(DeploymentCoordinator.Props(EntityIds.ReadCoordinator(entityId),
                    Fenced(options, system), desiredState, registry.Get<ServiceRegion>(), registry.Get<NodeRegion>(), options.Clock, options.Timings),
                    options.Timings.MinBackoff),
                new CoordinatorShardExtractor(MaxShards), shardOptions)
            .WithActors((system, registry) => registry.Register<Watcher>(system.ActorOf(DeploymentWatcher.Props(options.Kubernetes,
                options.Namespaces, registry.Get<Coordinator>(), options.Clock, options.Timings.MinBackoff), "deployment-watcher")))
            .AddStartup((system, _) =>
            {
                // Without seed nodes this process is a cluster of one: its own seed.
                if (membership.SeedNodes.Count == 0)
                {
                    var cluster = Cluster.Get(system);
                    cluster.Join(cluster.SelfAddress);
                }
            });
    }

    /// <summary>The port every entity writes through: a member that does not see a majority writes nothing.</summary>
    private static MajorityFencedKubernetes Fenced(OrchestratorOptions options, ActorSystem system) => new(options.Kubernetes, system);

    /// <summary>Why the actor system shut down, when it did on its own (downed by the cluster), in words.</summary>
    public string LeaveReason => CoordinatedShutdown.Get(System).ShutdownReason switch
    {
        null => "no reason given",
        CoordinatedShutdown.ClusterDowningReason => "downed: it could not see a majority of the members, or the others downed it",
        CoordinatedShutdown.ClusterLeavingReason => "it left the cluster",
        var other => other.GetType().Name,
    };

    /// <summary>The process is exiting (SIGTERM reaches Akka's own shutdown hook as well as ours): a stop that was asked for.</summary>
    public bool StoppedByProcessExit => CoordinatedShutdown.Get(System).ShutdownReason is CoordinatedShutdown.ClrExitReason;

    public Task<DeploymentStatusResult> StatusAsync(DeploymentKey deployment, TimeSpan timeout) =>
        Coordinator.Ask<DeploymentStatusResult>(new DeploymentEnvelope(deployment, new GetDeploymentStatus()), timeout);

    public async ValueTask DisposeAsync()
    {
        // Akka's loggers stop before its last lines ("Remoting shut down"), which it then prints in a format of its own.
        System.EventStream.SetLogLevel(Akka.Event.LogLevel.WarningLevel);
        await _host.StopAsync();
        _host.Dispose();
    }
}
