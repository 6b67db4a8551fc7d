using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Storage;

/// <summary>
/// The cluster's etcd: every object as JSON under one lock, a global monotonically increasing
/// resourceVersion, an index of dependents by owner uid (for garbage collection and controllers) and the
/// semantics the API server applies on every write (uid, timestamps, generation, finalizers).
/// Objects it returns are its own instances: read them, never change them (clone first).
/// </summary>
public sealed class ObjectStore(TimeProvider clock, int historyCapacity = 20_000)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceTable> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(ResourceType Type, string Ns, string Name)>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ResourceType Type, string Ns, string Name)> _byUid = new(StringComparer.Ordinal);
    private long _resourceVersion = 1;

    /// <summary>Called under the store's lock for every change; listeners must only enqueue work.</summary>
    public event Action<StoreEvent>? Changed;

    public long CurrentResourceVersion
    {
        get { lock (_gate) return _resourceVersion; }
    }

    public JsonObject? Get(ResourceType type, string ns, string name)
    {
        lock (_gate)
            return Table(type).Get(ns, name);
    }

    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(ResourceType type, string? ns, Func<JsonObject, bool>? filter = null)
    {
        lock (_gate)
        {
            var objects = Table(type).Objects(ns);
            return ([.. filter is null ? objects : objects.Where(filter)], _resourceVersion);
        }
    }

    public int Count(ResourceType type)
    {
        lock (_gate)
            return Table(type).Count;
    }

    /// <summary>The objects whose ownerReferences name this uid.</summary>
    public IReadOnlyList<(ResourceType Type, JsonObject Object)> Dependents(string ownerUid)
    {
        lock (_gate)
            return _dependents.TryGetValue(ownerUid, out var keys)
                ? keys.Select(k => (k.Type, Table(k.Type).Get(k.Ns, k.Name))).Where(p => p.Item2 is not null).Select(p => (p.Type, p.Item2!)).ToList()
                : [];
    }

    /// <summary>The live object with this uid, of any resource.</summary>
    public (ResourceType Type, JsonObject Object)? FindByUid(string uid)
    {
        lock (_gate)
            return _byUid.TryGetValue(uid, out var key) && Table(key.Type).Get(key.Ns, key.Name) is { } found ? (key.Type, found) : null;
    }

    /// <summary>Every object in a namespace, of every resource (what deleting the namespace must delete).</summary>
    public IReadOnlyList<(ResourceType Type, JsonObject Object)> InNamespace(string ns)
    {
        lock (_gate)
            return _tables.Values.Where(t => t.Type.Namespaced).SelectMany(t => t.Objects(ns).Select(o => (t.Type, o))).ToList();
    }

    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        lock (_gate)
        {
            var meta = obj.Meta();
            var ns = obj.Namespace();
            if (type.Namespaced)
            {
                var nsObject = Table(BuiltInResources.Namespaces).Get("", ns) ?? throw ApiException.NamespaceNotFound(ns);
                if (nsObject.IsDeleting())
                    throw new ApiException(403, "Forbidden",
                        $"{type} \"{obj.Name()}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated");
            }
            var table = Table(type);
            if (table.Contains(ns, obj.Name()))
                throw ApiException.AlreadyExists(type, obj.Name());
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow());
            meta.Remove("deletionTimestamp");
            if (type.TracksGeneration)
                meta["generation"] = 1;
            else
                meta.Remove("generation");
            obj["apiVersion"] = type.GroupVersion;
            obj["kind"] = type.Kind;
            return Commit(type, StoreEvent.Added, obj, null);
        }
    }

    /// <summary>
    /// Replaces an object (update or the result of a patch). A resourceVersion in the new object must match
    /// the stored one. Writes to the main resource keep the stored status when the kind has a status
    /// subresource; writes to /status keep everything but the status.
    /// </summary>
    public JsonObject Replace(ResourceType type, JsonObject proposed, string? subresource = null)
    {
        lock (_gate)
        {
            var current = Table(type).Get(proposed.Namespace(), proposed.Name()) ?? throw ApiException.NotFound(type, proposed.Name());
            var rv = (string?)proposed["metadata"]?["resourceVersion"];
            if (!string.IsNullOrEmpty(rv) && rv != current.ResourceVersion().ToString())
                throw ApiException.Conflict(type, proposed.Name());
            JsonObject next;
            if (subresource == "status")
            {
                next = (JsonObject)current.DeepClone();
                next["status"] = proposed["status"]?.DeepClone();
            }
            else
            {
                next = proposed;
                var meta = next.Meta();
                var oldMeta = current.Meta();
                foreach (var kept in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
                {
                    if (oldMeta[kept] is { } value) meta[kept] = value.DeepClone();
                    else meta.Remove(kept);
                }
                if (type.HasStatus)
                    next["status"] = current["status"]?.DeepClone();
                next["apiVersion"] = type.GroupVersion;
                next["kind"] = type.Kind;
                if (type.TracksGeneration && !SameSpec(current, next))
                    meta["generation"] = current.Generation() + 1;
            }
            if (JsonNode.DeepEquals(WithoutVersion(current), WithoutVersion(next)))
                return current;
            if (next.IsDeleting() && next.Finalizers().Count == 0 && type != BuiltInResources.Namespaces && !IsGracefulPod(type, next))
                return Commit(type, StoreEvent.Deleted, next, current);
            return Commit(type, StoreEvent.Modified, next, current);
        }
    }

    /// <summary>Reads, changes (on a clone) and replaces one object atomically; null when it does not exist.</summary>
    public JsonObject? Mutate(ResourceType type, string ns, string name, Func<JsonObject, JsonObject> change, string? subresource = null)
    {
        lock (_gate)
        {
            var current = Table(type).Get(ns, name);
            if (current is null)
                return null;
            var next = change((JsonObject)current.DeepClone());
            return Replace(type, next, subresource);
        }
    }

    /// <summary>
    /// Deletes as the API server does: at once when nothing holds the object, otherwise marks it with a
    /// deletionTimestamp (finalizers, foreground or orphan propagation, a running pod's grace period).
    /// Returns the object as it is after the call and whether it is gone.
    /// </summary>
    public (JsonObject Object, bool Gone) Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        lock (_gate)
        {
            var current = Table(type).Get(ns, name) ?? throw ApiException.NotFound(type, name);
            if (options.PreconditionUid is { } uid && uid != current.Uid())
                throw new ApiException(409, "Conflict",
                    $"Operation cannot be fulfilled on {type} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}");
            if (options.PreconditionResourceVersion is { } rv && rv != current.ResourceVersion().ToString())
                throw ApiException.Conflict(type, name);
            var finalizers = current.Finalizers().ToList();
            if (options.Propagation == DeleteOptions.Foreground && !finalizers.Contains("foregroundDeletion") && !current.IsDeleting())
                finalizers.Add("foregroundDeletion");
            if (options.Propagation == DeleteOptions.Orphan && !finalizers.Contains("orphan") && !current.IsDeleting())
                finalizers.Add("orphan");
            var graceful = type == BuiltInResources.Pods && current["spec"]?["nodeName"] is not null && options.GracePeriodSeconds != 0;
            var forced = type == BuiltInResources.Pods && options.GracePeriodSeconds == 0;
            if (finalizers.Count == 0 && (forced || (!graceful && type != BuiltInResources.Namespaces)))
                return (Commit(type, StoreEvent.Deleted, (JsonObject)current.DeepClone(), current), true);
            if (current.IsDeleting() && finalizers.SequenceEqual(current.Finalizers()))
                return (current, false);
            var next = (JsonObject)current.DeepClone();
            next.SetFinalizers(finalizers);
            if (!next.IsDeleting())
            {
                next.Meta()["deletionTimestamp"] = ObjectMetadata.Timestamp(clock.GetUtcNow());
                next.Meta()["deletionGracePeriodSeconds"] = graceful ? options.GracePeriodSeconds ?? 30 : 0;
            }
            if (type == BuiltInResources.Namespaces)
                next["status"] = new JsonObject { ["phase"] = "Terminating" };
            if (type.TracksGeneration)
                next.Meta()["generation"] = current.Generation() + 1;
            return (Commit(type, StoreEvent.Modified, next, current), false);
        }
    }

    /// <summary>Removes an object for good, whatever holds it (a kubelet ending a pod, a namespace emptied).</summary>
    public bool Remove(ResourceType type, string ns, string name)
    {
        lock (_gate)
        {
            var current = Table(type).Get(ns, name);
            if (current is null)
                return false;
            Commit(type, StoreEvent.Deleted, (JsonObject)current.DeepClone(), current);
            return true;
        }
    }

    /// <summary>Starts a watch. From 0 (or none) the watcher first gets every object as ADDED; from an older
    /// resourceVersion than the history holds it gets 410 Gone.</summary>
    public (WatchSubscription Subscription, IReadOnlyList<StoreEvent> Backlog) Watch(ResourceType type, string? ns, long? fromResourceVersion)
    {
        lock (_gate)
        {
            var table = Table(type);
            IReadOnlyList<StoreEvent> backlog;
            if (fromResourceVersion is null or 0)
                backlog = table.Objects(ns).Select(o => new StoreEvent(StoreEvent.Added, type, o, o.ResourceVersion())).ToList();
            else
                backlog = (table.Since(fromResourceVersion.Value)
                    ?? throw ApiException.Gone($"too old resource version: {fromResourceVersion} ({table.EvictedUpTo + 1})"))
                    .Where(e => ns is null || e.Object.Namespace() == ns).ToList();
            var subscription = new WatchSubscription(ns, s => { lock (_gate) table.Watchers.Remove(s); });
            table.Watchers.Add(subscription);
            return (subscription, backlog);
        }
    }

    /// <summary>Drops every object of a resource (its CRD was deleted), with DELETED events.</summary>
    public void RemoveAll(ResourceType type)
    {
        lock (_gate)
            foreach (var obj in Table(type).Objects(null).ToList())
                Commit(type, StoreEvent.Deleted, (JsonObject)obj.DeepClone(), obj);
    }

    private JsonObject Commit(ResourceType type, string eventType, JsonObject next, JsonObject? previous)
    {
        var rv = ++_resourceVersion;
        next.Meta()["resourceVersion"] = rv.ToString();
        // Stored as parsed JSON, as etcd holds it: numbers written by code as int or long read back as either.
        next = JsonNode.Parse(next.ToJsonString())!.AsObject();
        var table = Table(type);
        var ns = next.Namespace();
        var name = next.Name();
        if (previous is not null)
            foreach (var owner in previous.Owners())
                if (_dependents.TryGetValue(owner.Uid, out var set) && set.Remove((type, ns, name)) && set.Count == 0)
                    _dependents.Remove(owner.Uid);
        if (eventType == StoreEvent.Deleted)
        {
            table.Remove(ns, name);
            _byUid.Remove(next.Uid());
        }
        else
        {
            table.Put(next);
            _byUid[next.Uid()] = (type, ns, name);
            foreach (var owner in next.Owners())
            {
                if (!_dependents.TryGetValue(owner.Uid, out var set))
                    _dependents[owner.Uid] = set = [];
                set.Add((type, ns, name));
            }
        }
        var e = new StoreEvent(eventType, type, next, rv, previous);
        table.Record(e);
        Changed?.Invoke(e);
        return next;
    }

    private ResourceTable Table(ResourceType type)
    {
        if (!_tables.TryGetValue(type.StorageKey, out var table))
            _tables[type.StorageKey] = table = new ResourceTable(type, historyCapacity);
        return table;
    }

    private static bool IsGracefulPod(ResourceType type, JsonObject pod) =>
        type == BuiltInResources.Pods && pod["metadata"]?["deletionGracePeriodSeconds"]?.GetValue<long>() > 0;

    /// <summary>Everything but metadata and status: what a change of bumps metadata.generation.</summary>
    private static bool SameSpec(JsonObject a, JsonObject b)
    {
        static IEnumerable<KeyValuePair<string, JsonNode?>> SpecPart(JsonObject o) =>
            o.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind")).OrderBy(p => p.Key, StringComparer.Ordinal);
        var left = SpecPart(a).ToList();
        var right = SpecPart(b).ToList();
        return left.Count == right.Count && left.Zip(right).All(p => p.First.Key == p.Second.Key && JsonNode.DeepEquals(p.First.Value, p.Second.Value));
    }

    private static JsonObject WithoutVersion(JsonObject o)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Meta().Remove("resourceVersion");
        return copy;
    }
}
