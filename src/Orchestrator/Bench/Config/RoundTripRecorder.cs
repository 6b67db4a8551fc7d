using System.Text.Json.Nodes;
using Orchestrator.Actors.Rendering;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.Bench.Config;

/// <summary>
/// The API requests a server received from the first write of a service's ConfigMap up to the moment the first new pod
/// of that service was stored: the round trips a configuration change takes to reach the workload. Watches are long
/// requests opened before, not round trips of the change, and are left out (and counted apart); so are the writes of
/// the deployment's own status and Events, which its status writer and event recorder make beside the change (a
/// StatefulSet's old pod must go before its new one is made, and the status saying the rollout started often lands
/// then), not on its way: they are listed apart.
/// </summary>
public sealed class RoundTripRecorder : IDisposable
{
    private readonly SimulatedCluster.SimulatedCluster _cluster;
    private readonly string _namespace;
    private readonly string _service;
    private readonly List<string> _requests = [];
    private readonly List<string> _reports = [];
    private readonly TaskCompletionSource _podCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;
    private bool _ended;
    private int _watches;

    public RoundTripRecorder(SimulatedCluster.SimulatedCluster cluster, string @namespace, string service)
    {
        _cluster = cluster;
        _namespace = @namespace;
        _service = service;
        cluster.Counters.Arrived += OnArrived;
        cluster.Store.Changed += OnChanged;
    }

    /// <summary>The requests in the window, in arrival order ("patch configmaps/api-0-config"); complete once <see cref="PodCreated"/> is done.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToList();
        }
    }

    /// <summary>The writes of the deployment's own status and Events in the window, in arrival order.</summary>
    public IReadOnlyList<string> Reports
    {
        get
        {
            lock (_requests)
                return _reports.ToList();
        }
    }

    public int Watches
    {
        get
        {
            lock (_requests)
                return _watches;
        }
    }

    public Task PodCreated => _podCreated.Task;

    private void OnArrived(RequestArrival request)
    {
        lock (_requests)
        {
            if (_ended || request.Namespace != _namespace && request.Namespace.Length > 0)
                return;
            if (!_started && request.Verb is "create" or "update" or "patch" && request.Resource == "configmaps"
                && request.Name == ResourceNames.ConfigMap(_service))
                _started = true;
            if (!_started)
                return;
            var what = $"{request.Verb} {request.Resource}{(request.Subresource.Length > 0 ? "/" + request.Subresource : "")}/{request.Name}";
            if (request.Verb == "watch")
                _watches++;
            else if (request.Resource is "events" || request.Resource.StartsWith("openstackdeployments", StringComparison.Ordinal) && request.Subresource == "status")
                _reports.Add(what);
            else
                _requests.Add(what);
        }
    }

    private void OnChanged(StoreEvent change)
    {
        if (change.Type != StoreEvent.Added || change.Resource.Plural != "pods")
            return;
        var metadata = change.Object["metadata"] as JsonObject;
        if ((string?)metadata?["namespace"] != _namespace || ((string?)metadata?["name"])?.StartsWith(_service + "-", StringComparison.Ordinal) != true)
            return;
        lock (_requests)
        {
            if (!_started || _ended)
                return;
            _ended = true;
        }
        _podCreated.TrySetResult();
    }

    public void Dispose()
    {
        _cluster.Counters.Arrived -= OnArrived;
        _cluster.Store.Changed -= OnChanged;
    }
}
