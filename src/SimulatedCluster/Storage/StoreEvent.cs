using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Storage;

/// <summary>One change of one object, as a watch delivers it. The object is the stored (read-only) instance.</summary>
public sealed record StoreEvent(string Type, ResourceType Resource, JsonObject Object, long ResourceVersion, JsonObject? Previous = null)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}

/// <summary>How a delete proceeds: the propagation policy and the preconditions of metav1.DeleteOptions.</summary>
public sealed record DeleteOptions(
    string Propagation = DeleteOptions.Background,
    long? GracePeriodSeconds = null,
    string? PreconditionUid = null,
    string? PreconditionResourceVersion = null)
{
    public const string Background = "Background";
    public const string Foreground = "Foreground";
    public const string Orphan = "Orphan";
}
