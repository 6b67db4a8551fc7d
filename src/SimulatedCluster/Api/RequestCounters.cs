using System.Collections.Concurrent;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// How many API requests the server answered, per verb (get, list, watch, create, update, patch, delete,
/// deletecollection) and resource (`pods`, `deployments.apps`, `pods/status`), and how many got each
/// status code. Benchmarks and the duplicate-write checks read these.
/// </summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> _requests = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource, int Code), long> _answers = new();

    public long Requests(string verb, string resource) => _requests.GetValueOrDefault((verb, resource));

    /// <summary>Requests of a verb answered with a status code, for one resource or (resource null) all.</summary>
    public long Answered(string verb, int code, string? resource = null) =>
        _answers.Where(p => p.Key.Verb == verb && p.Key.Code == code && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    /// <summary>409 answers (conflicts and AlreadyExists) of every verb, for one resource or all.</summary>
    public long Conflicts(string? resource = null) =>
        _answers.Where(p => p.Key.Code == 409 && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    /// <summary>Writes (create, update, patch, delete, deletecollection) to a resource or (null) to all.</summary>
    public long Writes(string? resource = null) =>
        _requests.Where(p => p.Key.Verb is "create" or "update" or "patch" or "delete" or "deletecollection"
            && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    public IReadOnlyDictionary<(string Verb, string Resource), long> Snapshot() => new Dictionary<(string, string), long>(_requests);

    public void Reset()
    {
        _requests.Clear();
        _answers.Clear();
    }

    internal void Record(string verb, string resource, int code)
    {
        _requests.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);
        _answers.AddOrUpdate((verb, resource, code), 1, (_, n) => n + 1);
    }
}
