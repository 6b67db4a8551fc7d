using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Kubernetes;
using static Orchestrator.Actors.Tests.Kubernetes.SimulatedClusterHarness;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class KubernetesAdapterRetrySpecs : IAsyncLifetime
{
    private SimulatedClusterHarness harness = null!;

    public async Task InitializeAsync() => harness = await StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Failing_requests_are_retried_until_every_apply_lands(int status)
    {
        var adapter = harness.Adapter();
        harness.Cluster.Faults.ErrorStatusCode = status;
        harness.Cluster.Faults.RetryAfterSeconds = 0;
        harness.Cluster.Faults.ErrorRate = 0.5;

        var results = new List<ApplyResult>();
        for (var i = 0; i < 8; i++)
            results.Add(await adapter.ApplyAsync(ConfigMap($"cm-{i}", "h1"), CancellationToken.None));
        harness.Cluster.Faults.ErrorRate = 0;

        Assert.All(results, result => Assert.Equal(ApplyOutcome.Created, result.Outcome));
        Assert.True(harness.Cluster.Counters.Answered("get", status) + harness.Cluster.Counters.Answered("create", status) > 0);
        Assert.Equal(8, (await adapter.ListAsync<V1ConfigMap>(Namespace, null, CancellationToken.None)).Count);
        Assert.Contains(harness.Log.Events, e => e.MessageTemplate.Text.Contains("retry"));
    }

    [Fact]
    public async Task Retry_after_is_honoured_before_the_next_attempt()
    {
        var adapter = harness.Adapter();
        harness.Cluster.Faults.ErrorStatusCode = 429;
        harness.Cluster.Faults.RetryAfterSeconds = 1;
        harness.Cluster.Faults.ErrorRate = 1;
        var unblock = Task.Run(async () =>
        {
            // Lift the fault once the first 429 has been answered; the adapter must then be waiting out Retry-After.
            await Eventually.True(() => harness.Cluster.Counters.Answered("get", 429) > 0, "a 429 answered");
            harness.Cluster.Faults.ErrorRate = 0;
        });

        var result = await adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None);
        await unblock;

        Assert.Equal(ApplyOutcome.Created, result.Outcome);
        var retry = Assert.Single(harness.Log.Events, e => e.MessageTemplate.Text.Contains("retry"));
        Assert.Equal("1000", retry.Properties["DelayMs"].ToString());
    }

    [Fact]
    public async Task A_server_that_keeps_failing_makes_the_call_fail_once_its_budget_is_spent()
    {
        var adapter = harness.Adapter(FastRetries with { RetryBudget = TimeSpan.FromMilliseconds(300) });
        harness.Cluster.Faults.ErrorRate = 1;

        var failure = await Assert.ThrowsAsync<KubernetesApiException>(() => adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.Equal(harness.Cluster.Counters.Answered("get", 500), failure.Call.Attempts);
        Assert.Equal(0, adapter.Writes.Total);
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        var adapter = harness.Adapter(FastRetries with { RetryBudget = TimeSpan.FromMinutes(5) });
        harness.Cluster.Faults.ErrorRate = 1;
        using var cancellation = new CancellationTokenSource();
        var apply = adapter.ApplyAsync(ConfigMap("nova-conf", "h1"), cancellation.Token);
        await Eventually.True(() => harness.Cluster.Counters.Answered("get", 500) >= 2, "two 500s answered");

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_failure_with_no_status()
    {
        // A port that was free a moment ago and that nothing listens on.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var adapter = KubernetesAdapterFactory.FromConfiguration(
            new k8s.KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" }, harness.Log.Logger,
            FastRetries with { RetryBudget = TimeSpan.FromMilliseconds(200) });

        var failure = await Assert.ThrowsAsync<KubernetesApiException>(() => adapter.GetAsync<V1ConfigMap>(Namespace, "x", CancellationToken.None));

        Assert.Null(failure.StatusCode);
        adapter.Dispose();
    }
}
