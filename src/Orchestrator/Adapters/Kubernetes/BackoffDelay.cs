namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// Exponential backoff with jitter: attempt n waits between half and all of min(max, initial * 2^n), so that
/// many clients failing at once do not come back in step.
/// </summary>
public static class BackoffDelay
{
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="random">A sample in [0, 1): where in the jitter range this delay falls.</param>
    public static TimeSpan For(int attempt, TimeSpan initial, TimeSpan max, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // 2^30 times any sensible initial delay is far beyond any cap, and keeps the arithmetic finite.
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var cap = Math.Min(max.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(cap / 2 + cap / 2 * Math.Clamp(random, 0, 1));
    }
}
