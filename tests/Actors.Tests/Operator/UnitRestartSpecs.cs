using Akka.Actor;
using Akka.TestKit.Xunit2;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Actors.Watching;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Tests.Operator;

/// <summary>The cluster observer tells its coordinator when an agent's report shows a unit restarted, for the UnitRestarted Event.</summary>
public sealed class UnitRestartSpecs : TestKit, IAsyncLifetime
{
    private SimulatedCluster.SimulatedCluster _cluster = null!;
    private KubernetesAdapter _adapter = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedCluster.SimulatedClusterOptions
        {
            Nodes = [new SimulatedCluster.SimulatedNodeSpec("node-1"), new SimulatedCluster.SimulatedNodeSpec("node-2")],
        });
        _adapter = KubernetesAdapterFactory.FromConfiguration(_cluster.ClientConfiguration(), Serilog.Core.Logger.None);
        await _adapter.ApplyAsync(HostUnitsDefinition.Create(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _adapter.Dispose();
        await _cluster.DisposeAsync();
    }

    private async Task ReportAsync(int restarts)
    {
        var hostUnits = await _adapter.GetAsync<HostUnitsResource>(null, "node-2", CancellationToken.None)
            ?? new HostUnitsResource { Metadata = new V1ObjectMeta { Name = "node-2" }, Spec = new HostUnitsSpec("node-2", []) };
        if (hostUnits.Metadata.ResourceVersion is null)
        {
            await _adapter.ApplyAsync(hostUnits, CancellationToken.None);
            hostUnits = (await _adapter.GetAsync<HostUnitsResource>(null, "node-2", CancellationToken.None))!;
        }
        hostUnits.Status = new HostUnitsStatus([new HostUnitStatus("mariadb", true, true, false, restarts, "h1", null)], DateTimeOffset.UtcNow);
        await _adapter.UpdateStatusAsync(hostUnits, CancellationToken.None);
    }

    [Fact]
    public async Task A_grown_restart_count_is_told_to_the_coordinator_and_a_report_seen_at_start_is_not()
    {
        await ReportAsync(0);
        var coordinator = CreateTestProbe();
        var nodes = CreateTestProbe();
        var deployment = TestSpecs.ApiAndPinned();
        var observer = coordinator.ChildActorOf(ClusterObserver.Props(new RefusalTranslatingKubernetes(_adapter),
            new DeploymentKey(TestSpecs.Namespace, "cloud"), CreateTestProbe(), nodes, TimeProvider.System,
            TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(5)));
        observer.Tell(new ClusterObserver.Watch(deployment));
        // Bounds of a minute: the first list can wait behind the suite's heaviest tests on a 2-core machine.
        // node-2 is one of the deployment's nodes. Once the observer has listed the cluster (its first snapshot of
        // node-2 says so), the report already there is no restart, so the first message must be about the next one.
        // Awaited, never blocking a thread: under the full suite the pool's threads are what the server and the watches need.
        await nodes.FishForMessageAsync<DeploymentEnvelope>(e => e.Message is Messages.Nodes.ObserveNode { NodeName: "node-2" }, TimeSpan.FromSeconds(60));

        await ReportAsync(1);

        var restarted = await coordinator.ExpectMsgAsync<ClusterObserver.UnitRestarted>(TimeSpan.FromSeconds(60));
        Assert.Equal(new ClusterObserver.UnitRestarted("node-2", "mariadb", 1), restarted);
    }
}
