namespace Orchestrator.Adapters.Kubernetes;

/// <summary>How patient the adapter is with the API server. The defaults suit a real cluster; tests shorten them.</summary>
public sealed record KubernetesAdapterOptions
{
    /// <summary>The first retry's delay; each further retry doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one call may keep retrying 429, 5xx and transport failures before it gives up.</summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One request's limit until its response headers arrive; a slower answer counts as a transport failure.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a write that met 409 Conflict is re-read and tried again.</summary>
    public int ConflictAttempts { get; init; } = 10;

    /// <summary>The server closes a watch after this long (client-go uses minutes too); the watch then resumes.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Reads, lists and writes in flight at once (watches aside); more wait for a slot, outside
    /// <see cref="RequestTimeout"/> but inside <see cref="RetryBudget"/>'s deadline. It bounds the open connections, each with its buffers.
    /// </summary>
    public int ConcurrentRequests { get; init; } = 32;

    /// <summary>The longest pause between attempts to reconnect a watch that keeps failing.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);
}
