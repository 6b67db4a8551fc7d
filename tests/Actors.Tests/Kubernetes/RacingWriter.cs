namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>
/// Lets another writer act just before the adapter's first request of one HTTP method reaches the server, so a
/// test can make a race happen every time instead of hoping for it. The request itself goes out unchanged.
/// </summary>
public sealed class RacingWriter(HttpMethod method, Func<Task> otherWriter) : DelegatingHandler
{
    private int raced;

    public bool Raced => Volatile.Read(ref raced) == 1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == method && Interlocked.CompareExchange(ref raced, 1, 0) == 0)
            await otherWriter();
        return await base.SendAsync(request, cancellationToken);
    }
}
