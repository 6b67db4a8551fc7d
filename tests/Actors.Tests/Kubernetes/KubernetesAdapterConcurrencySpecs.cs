using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Kubernetes;
using static Orchestrator.Actors.Tests.Kubernetes.SimulatedClusterHarness;

namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>
/// Requests beyond <see cref="KubernetesAdapterOptions.ConcurrentRequests"/> wait for a slot instead of each opening a
/// connection, and an open watch takes no slot.
/// </summary>
public class KubernetesAdapterConcurrencySpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private SimulatedClusterHarness harness = null!;
    private readonly CancellationTokenSource stop = new();

    public async Task InitializeAsync() => harness = await StartAsync();

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await harness.DisposeAsync();
        stop.Dispose();
    }

    [Fact]
    public async Task Reads_beyond_the_limit_wait_for_a_slot_while_a_watch_stays_open()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e", "f" })
            await harness.Other.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name, "h"), Namespace);
        var held = new HeldReads();
        var adapter = harness.Adapter(FastRetries with { ConcurrentRequests = 2, RetryBudget = TimeSpan.FromMinutes(1) }, held);

        // A watch that is open and streaming (it saw a change after its list) must not hold a slot for its lifetime.
        await using var changes = adapter.WatchAsync<V1ConfigMap>(Namespace, null, stop.Token).GetAsyncEnumerator(stop.Token);
        await harness.Other.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("watched", "h"), Namespace);
        while (await NextAsync(changes) != "watched")
        {
        }

        var reads = new[] { "a", "b", "c", "d", "e", "f" }.Select(name => adapter.GetAsync<V1ConfigMap>(Namespace, name, stop.Token)).ToList();
        for (var released = 0; released < reads.Count; released++)
        {
            await held.ArrivedAsync(Math.Min(released + 2, reads.Count), Bound);
            held.ReleaseOne();
        }
        var read = await Task.WhenAll(reads).WaitAsync(Bound);

        Assert.Equal(["a", "b", "c", "d", "e", "f"], read.Select(r => r!.Metadata.Name));
        Assert.Equal(2, held.MostAtOnce);
    }

    private static async Task<string> NextAsync(IAsyncEnumerator<ObservedChange<V1ConfigMap>> changes)
    {
        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Bound));
        return changes.Current.Object.Metadata.Name;
    }

    /// <summary>Holds each GET of one ConfigMap until the test releases it, counting how many were held at once.</summary>
    private sealed class HeldReads : DelegatingHandler
    {
        private readonly SemaphoreSlim release = new(0);
        private int inFlight;
        private int arrived;
        private int mostAtOnce;

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public void ReleaseOne() => release.Release();

        public async Task ArrivedAsync(int count, TimeSpan bound)
        {
            var deadline = DateTime.UtcNow + bound;
            while (Volatile.Read(ref arrived) < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{Volatile.Read(ref arrived)} of {count} reads arrived");
                await Task.Delay(10);
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? "";
            if (request.Method != HttpMethod.Get || !path.Contains("/configmaps/", StringComparison.Ordinal))
                return await base.SendAsync(request, cancellationToken);
            var now = Interlocked.Increment(ref inFlight);
            int most;
            while (now > (most = Volatile.Read(ref mostAtOnce)) && Interlocked.CompareExchange(ref mostAtOnce, now, most) != most)
            {
            }
            Interlocked.Increment(ref arrived);
            try
            {
                await release.WaitAsync(cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
    }
}
