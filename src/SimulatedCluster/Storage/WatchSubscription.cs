using System.Threading.Channels;

namespace Orchestrator.SimulatedCluster.Storage;

/// <summary>
/// One watcher of one resource: events reach it through an unbounded channel, so a slow reader never
/// blocks a writer. Disposing it detaches it from the store.
/// </summary>
public sealed class WatchSubscription(string? ns, Action<WatchSubscription> detach) : IDisposable
{
    private readonly Channel<StoreEvent> _events = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    public string? Namespace { get; } = ns;

    public ChannelReader<StoreEvent> Events => _events.Reader;

    internal void Deliver(StoreEvent e)
    {
        if (Namespace is null || e.Object.Namespace() == Namespace)
            _events.Writer.TryWrite(e);
    }

    public void Dispose()
    {
        detach(this);
        _events.Writer.TryComplete();
    }
}
