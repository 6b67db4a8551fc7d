namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>Polls a condition with a bound instead of sleeping for a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
                return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen in time; last seen: {last}");
            await Task.Delay(25);
        }
    }

    public static Task True(Func<bool> condition, string what, TimeSpan? within = null) =>
        Get(() => Task.FromResult(condition()), ok => ok, what, within);
}
