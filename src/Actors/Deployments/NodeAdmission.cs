using Akka.Configuration;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// How many node supervisors the coordinator keeps starting at once. Handing every node its part at once started every
/// supervisor at once: at 10,000 nodes eleven thousand recoveries, first persists and API calls queued together on the
/// process's thread pool, each of the journal's steps waited behind them, and its calls passed their 60 s timeout (the
/// circuit breaker then opened and failed the rest; the failed supervisors restarted and queued again). A node is told
/// its part only while fewer than <see cref="Window"/> told nodes have not reported back; each report lets the next one
/// in, so the fleet starts as fast as the journal and the API server take it, and a slow journal slows the start instead
/// of failing it. A node that does not report within <see cref="Patience"/> (its supervisor failed and restarts) gives its
/// place up; it reports when it comes back. Not thread-safe: the coordinator's own state.
/// </summary>
public sealed class NodeAdmission(int window, TimeSpan patience)
{
    public const string WindowPath = "orchestrator.nodes-starting-at-once";

    /// <summary>The window read from <see cref="WindowPath"/> (0 or less: every node at once, as before).</summary>
    public static NodeAdmission From(Config config, TimeSpan patience) => new(config.GetInt(WindowPath, 200), patience);

    private readonly Dictionary<string, DateTimeOffset> _told = new(StringComparer.Ordinal);
    private readonly Queue<string> _waiting = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);

    public int Window { get; } = window;

    public TimeSpan Patience { get; } = patience;

    /// <summary>Nodes told and not reported back yet.</summary>
    public int Starting => _told.Count;

    /// <summary>Nodes waiting for a place.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// The node is to be told its part: true when it may be told now (a place is free, or it is starting already and is
    /// told again), false when it waits for a place (<see cref="Reported"/> and <see cref="Expired"/> hand it out later).
    /// </summary>
    public bool Admit(string node, DateTimeOffset now)
    {
        if (Window <= 0 || _told.ContainsKey(node))
            return true;
        if (_queued.Contains(node))
            return false;
        if (_told.Count < Window && _waiting.Count == 0)
        {
            _told[node] = now;
            return true;
        }
        _waiting.Enqueue(node);
        _queued.Add(node);
        return false;
    }

    /// <summary>The node reported back: its place goes to the next waiting nodes, returned to be told now.</summary>
    public IReadOnlyList<string> Reported(string node, DateTimeOffset now)
    {
        if (!_told.Remove(node))
            return [];
        return Next(now);
    }

    /// <summary>Places held longer than <see cref="Patience"/> are given up; the nodes they go to are returned.</summary>
    public IReadOnlyList<string> Expired(DateTimeOffset now)
    {
        foreach (var (node, since) in _told.ToList())
            if (now - since >= Patience)
                _told.Remove(node);
        return Next(now);
    }

    /// <summary>Forgets every place and every waiting node (the deployment is paused, removed, or handed out anew).</summary>
    public void Clear()
    {
        _told.Clear();
        _waiting.Clear();
        _queued.Clear();
    }

    private List<string> Next(DateTimeOffset now)
    {
        var next = new List<string>();
        while (_told.Count < Window && _waiting.TryDequeue(out var node))
        {
            _queued.Remove(node);
            _told[node] = now;
            next.Add(node);
        }
        return next;
    }
}
