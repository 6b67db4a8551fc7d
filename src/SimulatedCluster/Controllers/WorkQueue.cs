using System.Threading.Channels;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// The controllers' queue: items are deduplicated while they wait (ten changes of one object make one
/// reconcile), and items can be due later (a kubelet's start delay). One reader processes them in order.
/// </summary>
public sealed class WorkQueue(TimeProvider clock)
{
    private readonly Channel<WorkItem> _ready = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<WorkItem> _waiting = [];
    private readonly PriorityQueue<WorkItem, DateTimeOffset> _later = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _laterChanged = new(0);

    public void Add(WorkItem item)
    {
        lock (_gate)
            if (!_waiting.Add(item))
                return;
        _ready.Writer.TryWrite(item);
    }

    public void AddAfter(WorkItem item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }
        lock (_gate)
            _later.Enqueue(item, clock.GetUtcNow() + delay);
        _laterChanged.Release();
    }

    public ValueTask<WorkItem> Next(CancellationToken cancellationToken) => NextCore(cancellationToken);

    private async ValueTask<WorkItem> NextCore(CancellationToken cancellationToken)
    {
        var item = await _ready.Reader.ReadAsync(cancellationToken);
        lock (_gate)
            _waiting.Remove(item);
        return item;
    }

    /// <summary>Moves delayed items to the ready queue when they are due; runs until cancelled.</summary>
    public async Task RunTimers(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                while (_later.TryPeek(out var item, out var due) && due <= now)
                {
                    _later.Dequeue();
                    if (_waiting.Add(item))
                        _ready.Writer.TryWrite(item);
                }
                wait = _later.TryPeek(out _, out var next) ? next - now : Timeout.InfiniteTimeSpan;
            }
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (wait != Timeout.InfiniteTimeSpan)
                timer.CancelAfter(wait);
            try
            {
                await _laterChanged.WaitAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The earliest item is due.
            }
        }
    }
}
