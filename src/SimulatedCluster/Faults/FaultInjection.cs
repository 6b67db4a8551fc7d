using System.Collections.Concurrent;

namespace Orchestrator.SimulatedCluster.Faults;

/// <summary>
/// The faults the cluster injects, all off by default and settable while it runs. Random choices come
/// from one generator seeded by the cluster's seed, so a run is repeatable.
/// </summary>
public sealed class FaultInjection(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(string Namespace, string Name), bool> _crashLooping = new();

    /// <summary>The fraction (0..1) of non-watch requests answered with <see cref="ErrorStatusCode"/>.</summary>
    public double ErrorRate { get; set; }

    /// <summary>500 (InternalError) or 429 (TooManyRequests, with a Retry-After header).</summary>
    public int ErrorStatusCode { get; set; } = 500;

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>A watch is ended by the server after this many events (0: never).</summary>
    public int DropWatchAfterEvents { get; set; }

    /// <summary>A watch is ended by the server after this long (zero: never).</summary>
    public TimeSpan DropWatchAfter { get; set; }

    /// <summary>Makes a pod, or every pod of a workload (a pod whose name starts with `name-`), crash-loop.</summary>
    public void CrashLoop(string ns, string podOrWorkloadName) => _crashLooping[(ns, podOrWorkloadName)] = true;

    public void Heal(string ns, string podOrWorkloadName) => _crashLooping.TryRemove((ns, podOrWorkloadName), out _);

    public bool IsCrashLooping(string ns, string podName) =>
        !_crashLooping.IsEmpty && _crashLooping.Keys.Any(k => k.Namespace == ns
            && (k.Name == podName || podName.StartsWith(k.Name + "-", StringComparison.Ordinal)));

    /// <summary>Whether this request fails; decided by the seeded generator.</summary>
    public bool ShouldFail()
    {
        var rate = ErrorRate;
        if (rate <= 0)
            return false;
        lock (_gate)
            return _random.NextDouble() < rate;
    }
}
