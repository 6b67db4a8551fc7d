namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>Polls a condition with a bound, instead of sleeping for a fixed time and hoping.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {bound ?? TimeSpan.FromSeconds(10)}: {what}");
            await Task.Delay(5);
        }
    }
}
