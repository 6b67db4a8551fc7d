namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>The shared bounded wait (tests/Waiting/Eventually.cs): a timeout names what was awaited and what was last seen.</summary>
public sealed class EventuallySpecs
{
    [Fact]
    public async Task A_wait_that_runs_out_names_what_it_awaited_and_the_last_value_it_read()
    {
        var reads = 0;

        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.Get(() => Task.FromResult(++reads), n => n < 0, "a negative count", TimeSpan.FromMilliseconds(200), () => "stderr: nothing"));

        Assert.StartsWith("a negative count: not within 00:00:00.2000000; last seen: ", failure.Message);
        Assert.Contains($"last seen: {reads}\nstderr: nothing", failure.Message);
    }

    [Fact]
    public async Task A_wait_returns_the_first_value_that_holds()
    {
        var reads = 0;

        var seen = await Eventually.Get(() => Task.FromResult(++reads), n => n >= 3, "three reads");

        Assert.Equal(3, seen);
    }
}
