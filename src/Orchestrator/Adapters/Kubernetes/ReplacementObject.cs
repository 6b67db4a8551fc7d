using System.Text.Json.Nodes;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The body of a replace (PUT): the desired object, fenced by the observed resourceVersion, with what belongs to
/// others kept as observed. Kept: the status (the controllers' and agents' report), a Service's clusterIP(s)
/// (allocated by the server, immutable), finalizers, and labels and annotations under other prefixes than ours:
/// controllers write those on our objects (deployment.kubernetes.io/revision, kubectl's restartedAt) and would
/// only write them back, each time making our hash look stale. Fields the server never lets change (a StatefulSet's
/// podManagementPolicy, selector, serviceName: <see cref="ImmutableFields"/>) are kept as observed. Ours (openstack.orchestrator.io/...) that the
/// desired object no longer has are dropped, because only we write them.
/// </summary>
public static class ReplacementObject
{
    public const string OwnPrefix = "openstack.orchestrator.io/";

    public static JsonObject From(JsonObject desired, JsonObject observed)
    {
        var replacement = desired.DeepClone().AsObject();
        var metadata = DesiredObject.ObjectAt(replacement, "metadata");
        var observedMetadata = observed["metadata"] as JsonObject;

        metadata["resourceVersion"] = observedMetadata?["resourceVersion"]?.DeepClone();
        KeepForeignKeys(metadata, observedMetadata, "labels");
        KeepForeignKeys(metadata, observedMetadata, "annotations");
        if (metadata["finalizers"] is null && observedMetadata?["finalizers"] is { } finalizers)
            metadata["finalizers"] = finalizers.DeepClone();

        replacement.Remove("status");
        if (observed["status"] is { } status)
            replacement["status"] = status.DeepClone();

        if (replacement["kind"]?.GetValue<string>() == "Service")
            KeepAllocatedClusterIp(replacement, observed);
        ImmutableFields.KeepObserved(replacement, observed);
        return replacement;
    }

    private static void KeepForeignKeys(JsonObject metadata, JsonObject? observedMetadata, string property)
    {
        if (observedMetadata?[property] is not JsonObject observedKeys)
            return;
        var desiredKeys = DesiredObject.ObjectAt(metadata, property);
        foreach (var (key, value) in observedKeys)
        {
            if (!desiredKeys.ContainsKey(key) && !key.StartsWith(OwnPrefix, StringComparison.Ordinal))
                desiredKeys[key] = value?.DeepClone();
        }
    }

    private static void KeepAllocatedClusterIp(JsonObject replacement, JsonObject observed)
    {
        if (observed["spec"] is not JsonObject observedSpec)
            return;
        var spec = DesiredObject.ObjectAt(replacement, "spec");
        foreach (var allocated in new[] { "clusterIP", "clusterIPs" })
        {
            if (spec[allocated] is null && observedSpec[allocated] is { } value)
                spec[allocated] = value.DeepClone();
        }
    }
}
