using Orchestrator.Actors.Deployments;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Deployments;

public sealed class CoordinatorStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ServiceSpec Service(string name, params string[] dependsOn) => new(name, ServiceKind.Api, "img", 1, 80, dependsOn,
        new Dictionary<string, string>(), new Dictionary<string, string>(), null, null, null, true, []);

    private static OpenStackDeployment Spec(params ServiceSpec[] services) => new(OpenStackDeployment.ExpectedApiVersion,
        OpenStackDeployment.ExpectedKind, new DeploymentMetadata("cloud", "openstack"),
        new DeploymentSpec("example.com", new TlsSpec("tls", true), [new NodeSpec("node-1", ["controller"])], services));

    private static CoordinatorState Accepted(string hash = "h1") =>
        CoordinatorState.Empty.Decide(Spec(Service("memcached"), Service("keystone", "memcached"), Service("nova-api", "keystone")), hash, T0)
            .Aggregate(CoordinatorState.Empty, (s, e) => s.Apply(e));

    private static ServiceStatusReport Report(string name, ServiceStatus status, string? reason = null) =>
        new(name, ServiceKind.Api, status, reason, T0);

    [Fact]
    public void New_deployment_is_accepted_with_its_plan()
    {
        var state = Accepted();

        Assert.Equal("cloud", state.Deployment);
        Assert.Equal(["memcached", "keystone", "nova-api"], state.Services.Select(s => s.Name));
        Assert.Equal(DeploymentStatus.Progressing, state.Status);
    }

    [Fact]
    public void Same_deployment_applied_again_records_nothing()
    {
        Assert.Empty(Accepted().Decide(Spec(Service("memcached")), "h1", T0));
    }

    [Fact]
    public void Service_waits_for_every_dependency_that_is_not_ready()
    {
        var state = Accepted().With(Report("memcached", ServiceStatus.RollingOut));

        Assert.Equal(["memcached"], state.WaitingFor("keystone"));
        Assert.Empty(state.WaitingFor("memcached"));
    }

    [Fact]
    public void Service_may_start_once_its_dependencies_are_ready()
    {
        var state = Accepted().With(Report("memcached", ServiceStatus.Ready));

        Assert.Empty(state.WaitingFor("keystone"));
        Assert.Equal(["keystone"], state.WaitingFor("nova-api"));
    }

    [Fact]
    public void Dependents_are_the_services_that_list_it()
    {
        Assert.Equal(["keystone"], Accepted().Dependents("memcached"));
    }

    [Fact]
    public void Deployment_is_ready_only_when_every_service_and_node_is_ready()
    {
        var state = Accepted()
            .With(Report("memcached", ServiceStatus.Ready)).With(Report("keystone", ServiceStatus.Ready)).With(Report("nova-api", ServiceStatus.Ready));
        Assert.Empty(state.DecideStatus(T0));

        state = state.With(new NodeStatusReport("node-1", ["controller"], NodeStatus.Ready, null, T0));
        var changed = Assert.IsType<DeploymentStatusChanged>(Assert.Single(state.DecideStatus(T0)));

        Assert.Equal(DeploymentStatus.Ready, changed.Status);
        Assert.Equal("3/3 services and 1/1 nodes ready", changed.Cause);
    }

    private static CoordinatorState AllReported(CoordinatorState state) => new[] { "memcached", "keystone", "nova-api" }
        .Where(name => !state.ServiceReports.ContainsKey(name))
        .Aggregate(state, (s, name) => s.With(Report(name, ServiceStatus.Ready)))
        .With(new NodeStatusReport("node-1", ["controller"], NodeStatus.Ready, null, T0));

    [Fact]
    public void Degraded_service_degrades_the_deployment_with_its_reason()
    {
        var state = AllReported(Accepted().With(Report("keystone", ServiceStatus.Degraded, "pod keystone-a crash-looping, 5 restarts")));

        var changed = Assert.IsType<DeploymentStatusChanged>(Assert.Single(state.DecideStatus(T0)));

        Assert.Equal(DeploymentStatus.Degraded, changed.Status);
        Assert.Equal("service keystone: pod keystone-a crash-looping, 5 restarts", changed.Reason);
    }

    [Fact]
    public void Failed_service_fails_the_deployment()
    {
        var state = AllReported(Accepted().With(Report("keystone", ServiceStatus.Degraded, "x")).With(Report("nova-api", ServiceStatus.Failed, "invalid")));

        Assert.Equal(DeploymentStatus.Failed, Assert.IsType<DeploymentStatusChanged>(Assert.Single(state.DecideStatus(T0))).Status);
    }

    [Fact]
    public void Changed_spec_is_accepted_again_with_the_hash_change_as_cause()
    {
        var events = Accepted().Decide(Spec(Service("memcached")), "h2-longer", T0);

        Assert.Equal("spec hash h1 -> h2-l", Assert.IsType<DeploymentAccepted>(Assert.Single(events)).Cause);
    }

    [Fact]
    public void Status_is_recorded_only_once_every_part_has_reported()
    {
        var state = Accepted().With(Report("keystone", ServiceStatus.Degraded, "x"));

        Assert.Empty(state.DecideStatus(T0));
        Assert.Equal(DeploymentStatus.Degraded, state.Result().Status);
    }

    [Fact]
    public void Ready_deployment_whose_reports_are_forgotten_is_progressing_until_every_part_reports_again()
    {
        var ready = AllReported(Accepted());
        ready = ready.DecideStatus(T0).Aggregate(ready, (s, e) => s.Apply(e));
        Assert.Equal(DeploymentStatus.Ready, ready.Result().Status);

        var forgotten = ready.WithoutReports();

        Assert.Equal(DeploymentStatus.Progressing, forgotten.Result().Status);
        Assert.Equal(DeploymentStatus.Ready, AllReported(forgotten).Result().Status);
        Assert.Empty(AllReported(forgotten).DecideStatus(T0));
    }

    [Fact]
    public void Result_lists_every_planned_service_and_node_pending_until_reported()
    {
        var result = Accepted().Result();

        Assert.All(result.Services, s => Assert.Equal(ServiceStatus.Pending, s.Status));
        Assert.Equal(["node-1"], result.Nodes.Select(n => n.NodeName));
    }

    [Fact]
    public void Host_service_is_released_to_its_nodes_once_its_objects_are_written()
    {
        var waiting = new ServiceStatusReport("nova-compute", ServiceKind.Host, ServiceStatus.WaitingForDependencies, null, T0);
        var rolling = waiting with { Status = ServiceStatus.RollingOut };

        Assert.Empty(Accepted().DecideRelease(waiting, T0));
        var released = Assert.IsType<HostServiceReleased>(Assert.Single(Accepted().DecideRelease(rolling, T0)));
        Assert.Equal("nova-compute", released.Service);
        Assert.Contains("nova-compute", Accepted().Apply(released).Released);
    }

    [Fact]
    public void Released_host_service_stays_released_through_a_config_change_and_a_restart()
    {
        var rolling = new ServiceStatusReport("nova-compute", ServiceKind.Host, ServiceStatus.RollingOut, null, T0);
        var release = Accepted().DecideRelease(rolling, T0);
        var state = release.Aggregate(Accepted(), (s, e) => s.Apply(e)).With(rolling).With(rolling with { Status = ServiceStatus.Applying });
        // A restarted coordinator replays its journal: the release is among its events, not in a cache of reports.
        var replayed = release.Aggregate(Accepted(), (s, e) => s.Apply(e));

        Assert.Contains("nova-compute", state.Released);
        Assert.Empty(state.DecideRelease(rolling, T0));
        Assert.Contains("nova-compute", state.WithoutReports().Released);
        Assert.Contains("nova-compute", replayed.Released);
        Assert.Empty(replayed.DecideRelease(rolling, T0));
    }

    private static ServiceSpec Host(string name, params string[] dependsOn) => Service(name, dependsOn) with { Kind = ServiceKind.Host };

    /// <summary>Two host services of one node with no dependencies (released together) and one that waits for memcached.</summary>
    private static CoordinatorState WithHostServices() =>
        CoordinatorState.Empty.Decide(Spec(Service("memcached"), Host("swift-account"), Host("swift-object"), Host("nova-compute", "memcached")), "h1", T0)
            .Aggregate(CoordinatorState.Empty, (s, e) => s.Apply(e));

    private static CoordinatorState Released(CoordinatorState state, string service, ServiceStatus status = ServiceStatus.RollingOut)
    {
        var report = new ServiceStatusReport(service, ServiceKind.Host, status, null, T0);
        return state.DecideRelease(report, T0).Aggregate(state, (s, e) => s.Apply(e)).With(report);
    }

    [Fact]
    public void A_node_waits_for_the_host_services_of_its_node_that_are_being_written_at_the_same_time()
    {
        var state = Released(WithHostServices(), "swift-account");

        Assert.True(state.AboutToBeReleased("swift-object"));
        Assert.False(state.NodeSettled(["swift-account", "swift-object"]));
        Assert.True(Released(state, "swift-object").NodeSettled(["swift-account", "swift-object"]));
    }

    [Fact]
    public void A_node_does_not_wait_for_a_host_service_whose_dependencies_are_not_ready()
    {
        var state = Released(WithHostServices(), "swift-account");

        Assert.False(state.AboutToBeReleased("nova-compute"));
        Assert.True(state.NodeSettled(["swift-account", "nova-compute"]));
        Assert.True(state.With(Report("memcached", ServiceStatus.Ready)).AboutToBeReleased("nova-compute"));
    }

    [Fact]
    public void A_node_does_not_wait_for_a_host_service_that_failed_or_degraded_before_its_objects_were_written()
    {
        var state = Released(WithHostServices(), "swift-account");
        var degraded = state.With(new ServiceStatusReport("swift-object", ServiceKind.Host, ServiceStatus.Degraded, "apply failing", T0));

        Assert.False(degraded.AboutToBeReleased("swift-object"));
        Assert.True(degraded.NodeSettled(["swift-account", "swift-object"]));
        Assert.False(state.AboutToBeReleased("memcached"));
    }

    [Theory]
    [InlineData(null, ServiceStatus.Ready, true)]
    [InlineData(ServiceStatus.Ready, ServiceStatus.Degraded, true)]
    [InlineData(null, ServiceStatus.Pending, false)]
    [InlineData(ServiceStatus.Applying, ServiceStatus.RollingOut, false)]
    [InlineData(ServiceStatus.Ready, ServiceStatus.Ready, false)]
    public void Dependents_are_told_only_when_a_service_becomes_or_stops_being_ready(ServiceStatus? before, ServiceStatus after, bool told) =>
        Assert.Equal(told, CoordinatorState.ReadinessChanged(before, after));

    [Fact]
    public void A_service_waiting_on_a_degraded_dependency_says_which_and_why()
    {
        var state = Accepted()
            .With(Report("memcached", ServiceStatus.Degraded, "apply failing: 503 ServiceUnavailable"))
            .With(Report("keystone", ServiceStatus.WaitingForDependencies))
            .With(Report("nova-api", ServiceStatus.WaitingForDependencies));

        var services = state.Result().Services.ToDictionary(s => s.ServiceName);

        Assert.Equal("waiting for memcached: Degraded (apply failing: 503 ServiceUnavailable)", services["keystone"].Reason);
        Assert.Equal("waiting for keystone: WaitingForDependencies (waiting for memcached: Degraded (apply failing: 503 ServiceUnavailable))",
            services["nova-api"].Reason);
    }
}
