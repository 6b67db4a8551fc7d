using Akka.Actor;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Orchestrator.Hosting;

/// <summary>
/// A small actor system with the orchestrator's journal exactly as <see cref="OrchestratorSystem"/> configures it (the
/// HOCON file with its event serializer, Serilog, <see cref="JournalPersistence.WithJournal"/> on the same connection string and provider)
/// and nothing else: no remoting, no cluster, which take no part in reading or writing a journal. What `status`, `audit`
/// and the bench's journal figures each start; one place, so they cannot drift apart.
/// </summary>
public sealed class JournalOnlyHost : IAsyncDisposable
{
    private readonly IHost _host;

    private JournalOnlyHost(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public ActorSystem System { get; }

    /// <param name="purpose">Ends the actor system's name (`orchestrator-reader`), so logs say which one spoke.</param>
    public static async Task<JournalOnlyHost> StartAsync(string purpose, JournalLocation journal, string akkaHocon, CancellationToken cancellationToken)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka(OrchestratorSystem.SystemName + "-" + purpose, builder => builder
                .AddHocon(akkaHocon, HoconAddMode.Prepend)
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLogger<SerilogLogger>();
                })
                .WithJournal(journal, journal.ConnectionString)))
            .Build();
        await host.StartAsync(cancellationToken);
        return new JournalOnlyHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
