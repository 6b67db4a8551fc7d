using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// What changed between the objects a watcher knew and a fresh list, after a 410 Gone lost the events in between:
/// the listed ones it did not know are Added, those whose resourceVersion moved are Modified, and the known ones
/// the list lacks are Deleted (reported with their last known state). Consumers stay level-triggered.
/// </summary>
public static class RelistDifference
{
    public static IReadOnlyList<ObservedChange<T>> Between<T>(IReadOnlyDictionary<ObjectKey, T> known, IReadOnlyList<T> listed)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var changes = new List<ObservedChange<T>>();
        var listedKeys = new HashSet<ObjectKey>();
        foreach (var current in listed)
        {
            var key = ObjectKey.Of(current);
            listedKeys.Add(key);
            if (!known.TryGetValue(key, out var before))
                changes.Add(new ObservedChange<T>(ChangeType.Added, current));
            else if (before.Metadata?.ResourceVersion != current.Metadata?.ResourceVersion)
                changes.Add(new ObservedChange<T>(ChangeType.Modified, current));
        }
        foreach (var (key, gone) in known.OrderBy(entry => entry.Key))
        {
            if (!listedKeys.Contains(key))
                changes.Add(new ObservedChange<T>(ChangeType.Deleted, gone));
        }
        return changes;
    }
}
