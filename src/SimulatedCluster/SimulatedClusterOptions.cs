namespace Orchestrator.SimulatedCluster;

/// <summary>A node the cluster starts with: its name and the labels it carries beyond the standard ones.</summary>
public sealed record SimulatedNodeSpec(string Name, IReadOnlyDictionary<string, string>? Labels = null);

/// <summary>How a simulated cluster is built: its nodes, where it listens, how fast its kubelets are.</summary>
public sealed record SimulatedClusterOptions
{
    /// <summary>The nodes; by default node-1 .. node-3.</summary>
    public IReadOnlyList<SimulatedNodeSpec> Nodes { get; init; } = WithNodes(3);

    /// <summary>The port on 127.0.0.1; 0 takes a free one.</summary>
    public int Port { get; init; }

    /// <summary>The TLS port on 127.0.0.1 (the same API, for kubeconfigs with a token); 0 takes a free one.</summary>
    public int SecurePort { get; init; }

    /// <summary>Seeds every random choice (kubelet delays, injected faults), so a run is repeatable.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How long a kubelet takes from a bound pod to a running one, and again to a ready one (jittered by up to half).</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many changes per resource a watch can resume from before it gets 410 Gone.</summary>
    public int WatchHistory { get; init; } = 20_000;

    /// <summary>How often a watch that asked for bookmarks gets one (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where the cluster reports what goes wrong inside it (a controller that failed); silent by default.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    public static IReadOnlyList<SimulatedNodeSpec> WithNodes(int count) =>
        Enumerable.Range(1, count).Select(i => new SimulatedNodeSpec($"node-{i}")).ToList();
}
