using Prometheus;

namespace Orchestrator.Actors.Telemetry;

/// <summary>
/// The process's Prometheus collectors (prometheus-net's default registry, served on /metrics). Instrumentation of
/// this process only: actors increment them, none reads them, so they link no actor to another.
/// </summary>
public static class OrchestratorMetrics
{
    public static readonly Counter Reconciles = Metrics.CreateCounter("orchestrator_reconciles_total",
        "Changes of OpenStackDeployment objects handled, by deployment and result (accepted, unchanged, invalid, paused, deleting).",
        "deployment", "result");

    public static readonly Histogram RolloutDuration = Metrics.CreateHistogram("orchestrator_reconcile_duration_seconds",
        "From accepting a generation to the deployment being Ready, Degraded or Failed.",
        new HistogramConfiguration { LabelNames = ["deployment", "result"], Buckets = Histogram.ExponentialBuckets(0.5, 2, 12) });

    public static readonly Counter ApiRequests = Metrics.CreateCounter("orchestrator_api_requests_total",
        "Requests to the Kubernetes API, by verb, resource kind and status code.", "verb", "kind", "code");

    public static readonly Counter WatchRestarts = Metrics.CreateCounter("orchestrator_watch_restarts_total",
        "Watches started again after they ended or failed, by kind.", "kind");

    public static readonly Counter SupervisorRestarts = Metrics.CreateCounter("orchestrator_supervisor_restarts_total",
        "API work restarted by its backoff supervisor after a failure.");

    public static readonly Counter ServiceChecks = Metrics.CreateCounter("orchestrator_service_checks_total",
        "Checks of an unchanged service's objects (the periodic drift repair), by deployment and how the objects were observed: "
            + "watch (compared with the watches' report, no request) or applier (left to an apply, because one was under way or the "
            + "watches had not reported yet: it decides on their report when it comes, and reads only without one).",
        "deployment", "observed");

    public static readonly Gauge Services = Metrics.CreateGauge("orchestrator_services",
        "Services by deployment and state, as their supervisors last reported.", "deployment", "state");

    public static readonly Gauge Nodes = Metrics.CreateGauge("orchestrator_nodes",
        "Nodes by deployment and state, as their supervisors last reported.", "deployment", "state");

    public static readonly Histogram JournalPersist = Metrics.CreateHistogram("orchestrator_journal_persist_seconds",
        "From asking the journal to persist events to the persist callback, by entity kind.",
        new HistogramConfiguration { LabelNames = ["entity"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    public static readonly Gauge CoordinatorsActive = Metrics.CreateGauge("orchestrator_coordinators_active",
        "Deployment coordinators this member holds.");
}
