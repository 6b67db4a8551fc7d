using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Persistence.Sql.Hosting;
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
/// The composition root: one Akka.Hosting chain that makes this process a cluster member (joining itself unless
/// told otherwise), with the DeploymentCoordinator, ServiceSupervisor and NodeSupervisor shard regions (every entity
/// keyed by its deployment), the watcher of OpenStackDeployment objects that feeds the coordinators, and the journal
/// on SQLite or PostgreSQL. Nothing below this reads the environment or the console.
/// </summary>
public sealed class OrchestratorSystem : IAsyncDisposable
{
    public const string SystemName = "orchestrator";
    private const int MaxShards = 50;

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
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
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
        var shardOptions = new ShardOptions { StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData, RememberEntities = false };
        builder
            .AddHocon(options.AkkaHocon, HoconAddMode.Prepend)
            .AddHocon(Actors.Serialization.EventBindings.Hocon, HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<SerilogLogger>();
                loggers.LogLevel = AkkaLogLevel.OfSerilog();
            })
            .WithRemoting("127.0.0.1", options.Port)
            .WithClustering(new ClusterOptions())
            .WithSqlPersistence(options.Journal.ConnectionString, options.Journal.ProviderName)
            .WithShardRegion<ServiceRegion>(ServiceShardExtractor.TypeName,
                (_, registry, _) => entityId =>
                {
                    var (deployment, name) = EntityIds.ReadPart(entityId);
                    return EntityRestart.Around(ServiceSupervisor.Props(deployment, name, options.Kubernetes, registry.Get<Coordinator>(),
                        options.Clock, options.Timings.MinBackoff), options.Timings.MinBackoff);
                },
                new ServiceShardExtractor(MaxShards), shardOptions)
            .WithShardRegion<NodeRegion>(NodeShardExtractor.TypeName,
                (_, registry, _) => entityId =>
                {
                    var (deployment, name) = EntityIds.ReadPart(entityId);
                    return EntityRestart.Around(NodeSupervisor.Props(deployment, name, options.Kubernetes, registry.Get<Coordinator>(),
                        options.Clock, options.Timings.MinBackoff), options.Timings.MinBackoff);
                },
                new NodeShardExtractor(MaxShards), shardOptions)
            .WithShardRegion<Coordinator>(CoordinatorShardExtractor.TypeName,
                (_, registry, _) => entityId => EntityRestart.Around(DeploymentCoordinator.Props(EntityIds.ReadCoordinator(entityId),
                    options.Kubernetes, desiredState, registry.Get<ServiceRegion>(), registry.Get<NodeRegion>(), options.Clock, options.Timings),
                    options.Timings.MinBackoff),
                new CoordinatorShardExtractor(MaxShards), shardOptions)
            .WithActors((system, registry) => registry.Register<Watcher>(system.ActorOf(DeploymentWatcher.Props(options.Kubernetes,
                options.Namespaces, registry.Get<Coordinator>(), options.Clock, options.Timings.MinBackoff), "deployment-watcher")))
            .AddStartup((system, _) =>
            {
                // A one-member cluster: this process is its own seed.
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
    }

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
