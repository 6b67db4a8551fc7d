using k8s;
using k8s.Autorest;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>Injected faults, visible to a client exactly as a struggling API server shows them.</summary>
public sealed class FaultSpecs : ClusterSpecs
{
    [Fact]
    public async Task Every_request_fails_with_500_when_the_error_rate_is_one()
    {
        Cluster.Faults.ErrorRate = 1;
        using var http = new HttpClient { BaseAddress = Cluster.BaseUri };

        var answer = await http.GetAsync("api/v1/namespaces/default/configmaps");

        Assert.Equal(500, (int)answer.StatusCode);
        Assert.Contains("\"reason\":\"InternalError\"", await answer.Content.ReadAsStringAsync());
        Assert.Equal(1, Cluster.Counters.Answered("list", 500, "configmaps"));
    }

    [Fact]
    public async Task Throttled_requests_answer_429_with_retry_after()
    {
        Cluster.Faults.ErrorRate = 1;
        Cluster.Faults.ErrorStatusCode = 429;
        Cluster.Faults.RetryAfterSeconds = 3;
        using var http = new HttpClient { BaseAddress = Cluster.BaseUri };

        var answer = await http.GetAsync("api/v1/nodes");

        Assert.Equal(429, (int)answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), answer.Headers.RetryAfter?.Delta);
        Assert.Contains("\"reason\":\"TooManyRequests\"", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_partial_error_rate_fails_some_requests_and_the_same_seed_fails_the_same_ones()
    {
        async Task<List<int>> Codes(SimulatedCluster cluster)
        {
            cluster.Faults.ErrorRate = 0.3;
            using var http = new HttpClient { BaseAddress = cluster.BaseUri };
            var codes = new List<int>();
            for (var i = 0; i < 40; i++)
                codes.Add((int)(await http.GetAsync("api/v1/nodes")).StatusCode);
            return codes;
        }
        await using var twin = await SimulatedCluster.StartAsync(new SimulatedClusterOptions { Seed = 1 });

        var first = await Codes(Cluster);
        var second = await Codes(twin);

        Assert.Contains(500, first);
        Assert.Contains(200, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_client_sees_an_injected_error_as_an_http_operation_failure()
    {
        Cluster.Faults.ErrorRate = 1;
        var client = Cluster.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNodeAsync());
        Cluster.Faults.ErrorRate = 0;
        var nodes = await client.CoreV1.ListNodeAsync();

        Assert.Equal(500, (int)error.Response.StatusCode);
        Assert.Equal(3, nodes.Items.Count);
    }
}
