using System.Collections.Immutable;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// The coordinator's state: the accepted plan (persisted through its events) and the latest status report of
/// every service and node (a cache of what their own journals hold, refreshed on every report). It decides the
/// dependency order: a service may be applied only when every service it depends on is Ready.
/// </summary>
public sealed record CoordinatorState(
    string? Deployment,
    string SpecHash,
    IReadOnlyList<PlannedService> Services,
    IReadOnlyList<PlannedNode> Nodes,
    DeploymentStatus Status,
    string? Reason,
    IReadOnlyDictionary<string, ServiceStatusReport> ServiceReports,
    IReadOnlyDictionary<string, NodeStatusReport> NodeReports,
    IReadOnlySet<string> Released)
{
    public static readonly CoordinatorState Empty = new(null, "", [], [], DeploymentStatus.Pending, null,
        new Dictionary<string, ServiceStatusReport>(), ImmutableDictionary<string, NodeStatusReport>.Empty, new HashSet<string>());

    public IReadOnlyList<IDeploymentEvent> Decide(OpenStackDeployment deployment, string specHash, DateTimeOffset at)
    {
        if (specHash == SpecHash && deployment.Metadata.Name == Deployment)
            return [];
        var services = deployment.Spec.Services.Select(s => new PlannedService(s.Name, s.Kind, s.DependsOn)).ToList();
        var nodes = deployment.Spec.Nodes.Select(n => new PlannedNode(n.Name, n.Roles)).ToList();
        var cause = Deployment is null ? $"first seen with spec hash {Short(specHash)}" : $"spec hash {Short(SpecHash)} -> {Short(specHash)}";
        return [new DeploymentAccepted(deployment.Metadata.Name, specHash, services, nodes, cause, at, deployment.Metadata.Namespace)];
    }

    /// <summary>Folds in a report; the status it implies is decided by <see cref="DecideStatus"/>.</summary>
    public CoordinatorState With(ServiceStatusReport report) => this with
    {
        ServiceReports = new Dictionary<string, ServiceStatusReport>(ServiceReports) { [report.ServiceName] = report },
    };

    /// <summary>
    /// Releases a host service the first time a report says its objects are written (RollingOut or later), so the
    /// nodes may now list its unit. Once released, a service stays released (a later config change, or a restart of
    /// the coordinator, never takes a running unit away from its nodes).
    /// </summary>
    public IReadOnlyList<IDeploymentEvent> DecideRelease(ServiceStatusReport report, DateTimeOffset at) =>
        Deployment is not null && report.Kind == ServiceKind.Host && !Released.Contains(report.ServiceName)
        && report.Status is ServiceStatus.RollingOut or ServiceStatus.Ready or ServiceStatus.Degraded
            ? [new HostServiceReleased(Deployment, report.ServiceName, $"service {report.ServiceName} {report.Status}, its objects written", at)]
            : [];

    /// <summary>
    /// A host service about to be released: its dependencies are Ready and its objects are being written (it has not
    /// reported RollingOut yet, nor given up as Degraded or Failed). A node that runs it waits for it (for a bounded
    /// time) before its HostUnits is written, so that services released together are written to the node together.
    /// </summary>
    public bool AboutToBeReleased(string service) =>
        Services.FirstOrDefault(s => s.Name == service) is { Kind: ServiceKind.Host }
        && !Released.Contains(service)
        && WaitingFor(service).Count == 0
        && ServiceReports.GetValueOrDefault(service)?.Status is not (ServiceStatus.Degraded or ServiceStatus.Failed);

    /// <summary>
    /// Whether a node whose HostUnits lists <paramref name="hostServices"/> (the host services with a unit on it) can be
    /// told its released units now: none of them is <see cref="AboutToBeReleased"/>.
    /// </summary>
    public bool NodeSettled(IEnumerable<string> hostServices) => !hostServices.Any(AboutToBeReleased);

    /// <summary>Whether a move from <paramref name="before"/> to <paramref name="after"/> changes what the service's dependents wait for (only Ready counts).</summary>
    public static bool ReadinessChanged(ServiceStatus? before, ServiceStatus after) =>
        (before == ServiceStatus.Ready) != (after == ServiceStatus.Ready);

    /// <summary>
    /// Folds in a node's report without copying the others: thousands of nodes report in a burst, and a copy of every
    /// report per report made that quadratic in the fleet's size.
    /// </summary>
    public CoordinatorState With(NodeStatusReport report) => this with
    {
        NodeReports = (NodeReports as ImmutableDictionary<string, NodeStatusReport> ?? NodeReports.ToImmutableDictionary()).SetItem(report.NodeName, report),
    };

    /// <summary>The dependencies of a service that are not Ready yet, in the order the spec lists them.</summary>
    public IReadOnlyList<string> WaitingFor(string service) =>
        Services.FirstOrDefault(s => s.Name == service)?.DependsOn
            .Where(d => ServiceReports.GetValueOrDefault(d)?.Status != ServiceStatus.Ready).ToList() ?? [];

    /// <summary>
    /// Why a service waits, in the words of its dependencies' own reports: "waiting for mariadb: Degraded (apply
    /// failing: ...)", down the chain to the cause (validation refuses dependency cycles). Only the coordinator knows every
    /// report, so it tells it in the status it answers; nothing is persisted.
    /// </summary>
    public string WaitingReason(string service) =>
        "waiting for " + string.Join("; ", WaitingFor(service).Select(dependency =>
            ServiceReports.GetValueOrDefault(dependency) is { } raw && WithWaitingReason(raw) is var report
                ? $"{dependency}: {report.Status}{(report.Reason is null ? "" : $" ({report.Reason})")}"
                : $"{dependency}: not reported yet"));

    private ServiceStatusReport WithWaitingReason(ServiceStatusReport report) =>
        report.Status == ServiceStatus.WaitingForDependencies && WaitingFor(report.ServiceName).Count > 0
            ? report with { Reason = WaitingReason(report.ServiceName) }
            : report;

    /// <summary>The services that list <paramref name="service"/> in their dependsOn: told again when it moves.</summary>
    public IReadOnlyList<string> Dependents(string service) =>
        Services.Where(s => s.DependsOn.Contains(service)).Select(s => s.Name).ToList();

    /// <summary>Forgets every report: after an apply, the deployment is judged only on what each part says anew.</summary>
    public CoordinatorState WithoutReports() => this with
    {
        ServiceReports = new Dictionary<string, ServiceStatusReport>(), NodeReports = ImmutableDictionary<string, NodeStatusReport>.Empty,
    };

    /// <summary>Only a complete set of reports decides the status, so that a round of reports never records half-way states.</summary>
    public IReadOnlyList<IDeploymentEvent> DecideStatus(DateTimeOffset at)
    {
        if (Deployment is null || !AllReported)
            return [];
        var (status, reason, cause) = Evaluate();
        return status == Status && reason == Reason ? [] : [new DeploymentStatusChanged(Deployment, status, reason, cause, at)];
    }

    /// <summary>The services cannot start without the shared objects, so failing to write them is the deployment's status.</summary>
    public IReadOnlyList<IDeploymentEvent> Decide(RecordSharedObjectsFailure failure)
    {
        if (Deployment is null || (!failure.Permanent && failure.ConsecutiveFailures < 3))
            return [];
        var status = failure.Permanent ? DeploymentStatus.Failed : DeploymentStatus.Degraded;
        var reason = "shared objects: " + failure.Reason;
        return status == Status && reason == Reason ? [] :
            [new DeploymentStatusChanged(Deployment, status, reason, $"{failure.ConsecutiveFailures} failed attempt(s) in a row", failure.At)];
    }

    public bool AllReported =>
        Services.All(s => ServiceReports.ContainsKey(s.Name)) && Nodes.All(n => NodeReports.ContainsKey(n.Name));

    private (DeploymentStatus, string?, string) Evaluate()
    {
        var services = Services.Select(s => ServiceReports.GetValueOrDefault(s.Name)).ToList();
        var nodes = Nodes.Select(n => NodeReports.GetValueOrDefault(n.Name)).ToList();
        if (services.FirstOrDefault(s => s?.Status == ServiceStatus.Failed) is { } failed)
            return (DeploymentStatus.Failed, $"service {failed.ServiceName} failed: {failed.Reason}", $"service {failed.ServiceName} failed");
        if (services.FirstOrDefault(s => s?.Status == ServiceStatus.Degraded) is { } degraded)
            return (DeploymentStatus.Degraded, $"service {degraded.ServiceName}: {degraded.Reason}", $"service {degraded.ServiceName} degraded");
        if (nodes.FirstOrDefault(n => n?.Status == NodeStatus.Degraded) is { } node)
            return (DeploymentStatus.Degraded, $"node {node.NodeName}: {node.Reason}", $"node {node.NodeName} degraded");
        var readyServices = services.Count(s => s?.Status == ServiceStatus.Ready);
        var readyNodes = nodes.Count(n => n?.Status == NodeStatus.Ready);
        var progress = $"{readyServices}/{services.Count} services and {readyNodes}/{nodes.Count} nodes ready";
        return readyServices == services.Count && readyNodes == nodes.Count
            ? (DeploymentStatus.Ready, null, progress)
            : (DeploymentStatus.Progressing, null, progress);
    }

    public CoordinatorState Apply(IDeploymentEvent @event) => @event switch
    {
        DeploymentAccepted e => this with
        {
            Deployment = e.Deployment, SpecHash = e.SpecHash, Services = e.Services, Nodes = e.Nodes,
            Status = DeploymentStatus.Progressing, Reason = null,
        },
        DeploymentStatusChanged e => this with { Status = e.Status, Reason = e.Reason },
        HostServiceReleased e => this with { Released = new HashSet<string>(Released) { e.Service } },
        _ => this,
    };

    /// <summary>The status as the latest reports make it (Progressing while a part has not reported since the last apply).</summary>
    public DeploymentStatusResult Result() => Deployment is null
        ? new(null, Status, Reason, [], [])
        : Live(Evaluate());

    private DeploymentStatusResult Live((DeploymentStatus Status, string? Reason, string Cause) live) => new(Deployment,
        live.Status == DeploymentStatus.Ready && !AllReported ? DeploymentStatus.Progressing : live.Status, live.Reason,
        Services.Select(s => WithWaitingReason(ServiceReports.GetValueOrDefault(s.Name)
            ?? new ServiceStatusReport(s.Name, s.Kind, ServiceStatus.Pending, null, DateTimeOffset.MinValue))).ToList(),
        Nodes.Select(n => NodeReports.GetValueOrDefault(n.Name)
            ?? new NodeStatusReport(n.Name, n.Roles, NodeStatus.Pending, null, DateTimeOffset.MinValue)).ToList());

    private static string Short(string hash) => Orchestrator.Actors.Services.WorkloadReadiness.Short(hash);
}
