using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// How many API requests the server answered, per verb (get, list, watch, create, update, patch, delete,
/// deletecollection) and resource (`pods`, `deployments.apps`, `pods/status`), and how many got each
/// status code, refusals (403) included. Benchmarks and the duplicate-write checks read these; `GET /metrics`
/// serves the same counts as the real server's `apiserver_request_total`.
/// </summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<(string Verb, string Resource), long> _requests = new();
    private readonly ConcurrentDictionary<(string Verb, string Resource, int Code), long> _answers = new();
    private readonly ConcurrentDictionary<RequestMetric, long> _series = new();

    /// <summary>
    /// Every request as it arrives, once its user is known and before it is served, in arrival order per connection:
    /// benchmarks count the round trips between two moments with it (the counts above say only how many in all).
    /// Handlers run on the request's thread and must be quick.
    /// </summary>
    public event Action<RequestArrival>? Arrived;

    internal void Arrive(Security.RequestAttributes request) =>
        Arrived?.Invoke(new RequestArrival(request.Verb, request.Resource, request.Subresource, request.Namespace, request.Name));

    public long Requests(string verb, string resource) => _requests.GetValueOrDefault((verb, resource));

    /// <summary>Requests of a verb answered with a status code, for one resource or (resource null) all.</summary>
    public long Answered(string verb, int code, string? resource = null) =>
        _answers.Where(p => p.Key.Verb == verb && p.Key.Code == code && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    /// <summary>The resources whose requests of a verb were answered with a status code, and how often: "events 1, secrets 2".</summary>
    public string AnsweredWhere(string verb, int code) => string.Join(", ", _answers
        .Where(p => p.Key.Verb == verb && p.Key.Code == code).OrderBy(p => p.Key.Resource, StringComparer.Ordinal).Select(p => $"{p.Key.Resource} {p.Value}"));

    /// <summary>409 answers (conflicts and AlreadyExists) of every verb, for one resource or all.</summary>
    public long Conflicts(string? resource = null) =>
        _answers.Where(p => p.Key.Code == 409 && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    /// <summary>Requests of every verb refused by authorization (403).</summary>
    public long Forbidden() => _answers.Where(p => p.Key.Code == 403).Sum(p => p.Value);

    /// <summary>Writes (create, update, patch, delete, deletecollection) to a resource or (null) to all.</summary>
    public long Writes(string? resource = null) =>
        _requests.Where(p => p.Key.Verb is "create" or "update" or "patch" or "delete" or "deletecollection"
            && (resource is null || p.Key.Resource == resource)).Sum(p => p.Value);

    public IReadOnlyDictionary<(string Verb, string Resource), long> Snapshot() => new Dictionary<(string, string), long>(_requests);

    public void Reset()
    {
        _requests.Clear();
        _answers.Clear();
        _series.Clear();
    }

    internal void Record(string verb, string resource, int code)
    {
        _requests.AddOrUpdate((verb, resource), 1, (_, n) => n + 1);
        _answers.AddOrUpdate((verb, resource, code), 1, (_, n) => n + 1);
    }

    internal void Record(RequestMetric series) => _series.AddOrUpdate(series, 1, (_, n) => n + 1);

    /// <summary>The Prometheus text exposition of `apiserver_request_total`, labels in the real server's (sorted) order.</summary>
    public string PrometheusText()
    {
        var text = new StringBuilder()
            .Append("# HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.\n")
            .Append("# TYPE apiserver_request_total counter\n");
        var lines = _series.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"apiserver_request_total{{code=\"{p.Key.Code}\",component=\"apiserver\",dry_run=\"{Escape(p.Key.DryRun)}\",group=\"{Escape(p.Key.Group)}\",resource=\"{Escape(p.Key.Resource)}\",scope=\"{p.Key.Scope}\",subresource=\"{Escape(p.Key.Subresource)}\",verb=\"{p.Key.Verb}\",version=\"{Escape(p.Key.Version)}\"}} {p.Value}"));
        foreach (var line in lines.Order(StringComparer.Ordinal))
            text.Append(line).Append('\n');
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}

/// <summary>One request as it arrived: its verb (get, list, watch, create, update, patch, ...), resource, namespace and name.</summary>
public sealed record RequestArrival(string Verb, string Resource, string Subresource, string Namespace, string Name);
