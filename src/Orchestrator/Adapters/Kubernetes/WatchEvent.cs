using k8s.Models;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>One event of a watch stream: a change to an object, a bookmark (a resourceVersion to resume from), or an error Status.</summary>
public sealed record WatchEvent<T>(string Type, T? Object, string? ResourceVersion, V1Status? Error)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string ErrorType = "ERROR";
}
