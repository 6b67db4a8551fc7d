using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Storage;

/// <summary>
/// The objects of one resource, indexed by namespace then name, with the recent history of its changes
/// (the watch cache of the real API server) and its watchers. Guarded by the store's lock.
/// </summary>
internal sealed class ResourceTable(Resources.ResourceType type, int historyCapacity)
{
    public Resources.ResourceType Type { get; } = type;

    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Queue<StoreEvent> _history = new();

    public List<WatchSubscription> Watchers { get; } = [];

    /// <summary>The newest resourceVersion no longer in the history: a watch from before it gets 410 Gone.</summary>
    public long EvictedUpTo { get; private set; }

    public int Count { get; private set; }

    public JsonObject? Get(string ns, string name) =>
        _byNamespace.TryGetValue(ns, out var names) && names.TryGetValue(name, out var obj) ? obj : null;

    public bool Contains(string ns, string name) => Get(ns, name) is not null;

    public IEnumerable<JsonObject> Objects(string? ns)
    {
        if (ns is not null)
            return _byNamespace.TryGetValue(ns, out var names) ? names.Values : [];
        return _byNamespace.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Values);
    }

    public void Put(JsonObject obj)
    {
        if (!_byNamespace.TryGetValue(obj.Namespace(), out var names))
            _byNamespace[obj.Namespace()] = names = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        if (!names.ContainsKey(obj.Name()))
            Count++;
        names[obj.Name()] = obj;
    }

    public void Remove(string ns, string name)
    {
        if (_byNamespace.TryGetValue(ns, out var names) && names.Remove(name))
        {
            Count--;
            if (names.Count == 0)
                _byNamespace.Remove(ns);
        }
    }

    public void Record(StoreEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > historyCapacity)
            EvictedUpTo = _history.Dequeue().ResourceVersion;
        foreach (var watcher in Watchers)
            watcher.Deliver(e);
    }

    /// <summary>The recorded events after a resourceVersion, or null when some of them were already evicted.</summary>
    public IReadOnlyList<StoreEvent>? Since(long resourceVersion) =>
        resourceVersion < EvictedUpTo ? null : _history.Where(e => e.ResourceVersion > resourceVersion).ToList();
}
