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
using Orchestrator.Actors.Services;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Hosting;

/// <summary>
/// The composition root: one Akka.Hosting chain that makes this process a cluster member (joining itself unless
/// told otherwise), with the ServiceSupervisor and NodeSupervisor shard regions, the DeploymentCoordinator
/// singleton, and the journal on SQLite or PostgreSQL. Nothing below this reads the environment or the console.
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

    /// <summary>The proxy of the DeploymentCoordinator singleton: where ApplyDeployment and GetDeploymentStatus go.</summary>
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
        return new OrchestratorSystem(host, system, coordinator);
    }

    private static void Configure(AkkaConfigurationBuilder builder, OrchestratorOptions options, IDesiredState desiredState)
    {
        var shardOptions = new ShardOptions { StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.DData, RememberEntities = false };
        builder
            .AddHocon(options.AkkaHocon, HoconAddMode.Prepend)
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
                (_, registry, _) => name => ServiceSupervisor.Props(name, options.Kubernetes, desiredState,
                    registry.Get<Coordinator>(), options.Clock, options.Timings.MinBackoff),
                new ServiceShardExtractor(MaxShards), shardOptions)
            .WithShardRegion<NodeRegion>(NodeShardExtractor.TypeName,
                (_, registry, _) => name => NodeSupervisor.Props(name, options.Kubernetes, desiredState,
                    registry.Get<Coordinator>(), options.Clock, options.Timings.MinBackoff),
                new NodeShardExtractor(MaxShards), shardOptions)
            .WithSingleton<Coordinator>(DeploymentCoordinator.Name,
                (_, registry, _) => DeploymentCoordinator.Props(options.Kubernetes, desiredState,
                    registry.Get<ServiceRegion>(), registry.Get<NodeRegion>(), options.Clock, options.Timings),
                new ClusterSingletonOptions { LogSingletonIdentificationFailure = false }, createProxyToo: true)
            .AddStartup((system, _) =>
            {
                // A one-member cluster: this process is its own seed.
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
    }

    public Task<DeploymentStatusResult> StatusAsync(TimeSpan timeout) =>
        Coordinator.Ask<DeploymentStatusResult>(new GetDeploymentStatus(), timeout);

    public async ValueTask DisposeAsync()
    {
        // Akka's loggers stop before its last lines ("Remoting shut down"), which it then prints in a format of its own.
        System.EventStream.SetLogLevel(Akka.Event.LogLevel.WarningLevel);
        await _host.StopAsync();
        _host.Dispose();
    }
}
