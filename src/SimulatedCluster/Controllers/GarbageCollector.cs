using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// The garbage collector and the namespace controller: dependents of a deleted owner are deleted
/// (background), deleted before their owner (foreground) or released (orphan); a deleted namespace is
/// emptied and then removed; a new namespace gets its default ServiceAccount.
/// </summary>
public sealed class GarbageCollector(ObjectStore store, WorkQueue queue)
{
    private readonly HashSet<string> _terminating = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool IsTerminating(string ns)
    {
        lock (_gate)
            return _terminating.Count > 0 && _terminating.Contains(ns);
    }

    /// <summary>Called under the store's lock for every namespace change.</summary>
    public void TrackNamespace(JsonObject ns, bool deleted)
    {
        lock (_gate)
        {
            if (!deleted && ns.IsDeleting())
                _terminating.Add(ns.Name());
            else
                _terminating.Remove(ns.Name());
        }
    }

    /// <summary>An owner marked for foreground or orphan deletion: act on its dependents, then let it go.</summary>
    public void Collect(ResourceType type, string ns, string name)
    {
        var owner = store.Get(type, ns, name);
        if (owner is null || !owner.IsDeleting())
            return;
        var dependents = store.Dependents(owner.Uid());
        var finalizers = owner.Finalizers();
        if (finalizers.Contains("orphan"))
        {
            foreach (var (depType, dep) in dependents)
                store.Mutate(depType, dep.Namespace(), dep.Name(), d => WithoutOwner(d, owner.Uid()));
            RemoveFinalizer(type, ns, name, "orphan");
            return;
        }
        if (!finalizers.Contains("foregroundDeletion"))
            return;
        foreach (var (depType, dep) in dependents.Where(d => !d.Object.IsDeleting()))
            Delete(depType, dep, DeleteOptions.Foreground);
        if (!dependents.Any(d => d.Object.Owners().Any(o => o.Uid == owner.Uid() && o.BlockOwnerDeletion)))
            RemoveFinalizer(type, ns, name, "foregroundDeletion");
    }

    /// <summary>An object with this uid was deleted, or one of its dependents was: collect what it leaves behind.</summary>
    public void DependentsOfDeleted(string uid)
    {
        if (store.FindByUid(uid) is { } live)
        {
            if (live.Object.IsDeleting())
                Collect(live.Type, live.Object.Namespace(), live.Object.Name());
            return;
        }
        foreach (var (type, dep) in store.Dependents(uid))
        {
            if (dep.Owners().Any(o => o.Uid != uid && store.FindByUid(o.Uid) is not null))
                store.Mutate(type, dep.Namespace(), dep.Name(), d => WithoutOwner(d, uid));
            else if (!dep.IsDeleting())
                Delete(type, dep, DeleteOptions.Background);
        }
    }

    public void Namespace(string name)
    {
        var ns = store.Get(BuiltInResources.Namespaces, "", name);
        if (ns is null)
            return;
        if (!ns.IsDeleting())
        {
            if (store.Get(BuiltInResources.ServiceAccounts, name, "default") is null)
                store.Create(BuiltInResources.ServiceAccounts, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = name } });
            return;
        }
        var contents = store.InNamespace(name);
        foreach (var (type, obj) in contents.Where(c => !c.Object.IsDeleting()))
            Delete(type, obj, DeleteOptions.Background);
        if (contents.Count == 0)
            store.Remove(BuiltInResources.Namespaces, "", name);
        else
            queue.AddAfter(new WorkItem(WorkItem.NamespaceLifecycle, "", name), TimeSpan.FromMilliseconds(50));
    }

    private void Delete(ResourceType type, JsonObject obj, string propagation)
    {
        try
        {
            store.Delete(type, obj.Namespace(), obj.Name(), new DeleteOptions(propagation));
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // Already gone: what the collector wanted.
        }
    }

    private void RemoveFinalizer(ResourceType type, string ns, string name, string finalizer) =>
        store.Mutate(type, ns, name, o =>
        {
            o.SetFinalizers(o.Finalizers().Where(f => f != finalizer).ToList());
            return o;
        });

    private static JsonObject WithoutOwner(JsonObject obj, string ownerUid)
    {
        if (obj["metadata"]?["ownerReferences"] is JsonArray owners)
        {
            foreach (var owner in owners.Where(o => (string?)o?["uid"] == ownerUid).ToList())
                owners.Remove(owner);
            if (owners.Count == 0)
                obj.Meta().Remove("ownerReferences");
        }
        return obj;
    }
}
