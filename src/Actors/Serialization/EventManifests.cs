using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// The stable name of every journaled type. A manifest is part of the journal's format: renaming a C# type
/// never changes it; changing a type's shape incompatibly means a new manifest (".v2") and keeping the old reader.
/// </summary>
public static class EventManifests
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(ServiceSpecChanged)] = "service-spec-changed.v1",
        [typeof(ServiceWaitingForDependencies)] = "service-waiting-for-dependencies.v1",
        [typeof(ServiceApplyStarted)] = "service-apply-started.v1",
        [typeof(ServiceObjectsApplied)] = "service-objects-applied.v1",
        [typeof(ServiceRollingOut)] = "service-rolling-out.v1",
        [typeof(ServiceBecameReady)] = "service-ready.v1",
        [typeof(ServiceDegraded)] = "service-degraded.v1",
        [typeof(ServiceFailed)] = "service-failed.v1",
        [typeof(NodeSpecChanged)] = "node-spec-changed.v1",
        [typeof(NodeLabelled)] = "node-labelled.v1",
        [typeof(NodeHostUnitsWritten)] = "node-host-units-written.v1",
        [typeof(NodeBecameReady)] = "node-ready.v1",
        [typeof(NodeConverging)] = "node-converging.v1",
        [typeof(NodeDegraded)] = "node-degraded.v1",
        [typeof(DeploymentAccepted)] = "deployment-accepted.v2",
        [typeof(DeploymentStatusChanged)] = "deployment-status-changed.v1",
        [typeof(HostServiceReleased)] = "deployment-host-service-released.v1",
    };

    public static readonly IReadOnlyDictionary<string, Type> ByManifest = ByType.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>A manifest split into its stable name and its version: "service-ready.v1" is ("service-ready", 1).</summary>
    public static (string Name, int Version) Parse(string manifest)
    {
        var dot = manifest.LastIndexOf(".v", StringComparison.Ordinal);
        return dot > 0 && int.TryParse(manifest.AsSpan(dot + 2), out var version) ? (manifest[..dot], version) : (manifest, 0);
    }

    /// <summary>
    /// The manifest is a later version of a type this binary knows (a journal written by a newer orchestrator): such a
    /// journal is refused as a whole rather than misread.
    /// </summary>
    public static bool IsNewer(string manifest)
    {
        var (name, version) = Parse(manifest);
        return !ByManifest.ContainsKey(manifest) && !EventUpcasts.ByManifest.ContainsKey(manifest)
            && ByManifest.Keys.Select(Parse).Any(known => known.Name == name && known.Version < version);
    }

    /// <summary>The newest version of every event name this binary reads, for a message that says which is too new.</summary>
    public static int KnownVersion(string name) => ByManifest.Keys.Select(Parse).Where(k => k.Name == name).Select(k => k.Version).DefaultIfEmpty(0).Max();
}
