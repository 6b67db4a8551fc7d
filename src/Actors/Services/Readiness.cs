namespace Orchestrator.Actors.Services;

/// <summary>What the observed cluster says about a service: running its current hash, on the way, or broken (with why).</summary>
public sealed record Readiness(ReadinessVerdict Verdict, string Reason)
{
    public static Readiness Ready(string reason) => new(ReadinessVerdict.Ready, reason);
    public static Readiness Progressing(string reason) => new(ReadinessVerdict.Progressing, reason);
    public static Readiness Broken(string reason) => new(ReadinessVerdict.Broken, reason);
}

public enum ReadinessVerdict
{
    Progressing,
    Ready,
    Broken,
}
