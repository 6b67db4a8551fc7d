using Orchestrator.Bench.Processes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// A generated cloud that one figure converged (and changed) on a server of its own, with the journal and spec it did
/// that with: what the next figure may carry on from instead of converging the same cloud again. The one holding it
/// disposes of its server.
/// </summary>
public sealed record ConvergedCloud(InProcessCluster Server, string Spec, string Journal, OpenStackDeployment Deployment, int Objects, string History)
    : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// Where <see cref="WritesPerChangedObjectFigure"/> leaves its last converged cloud for <see cref="NoopResyncWritesFigure"/>,
/// which runs next: both need a generated cloud converged on a server with its journal, and a converge is most of a
/// quick run's time for each. A figure run alone (`--only`) finds nothing here and converges its own.
/// </summary>
public sealed class ConvergedCloudHandOver : IAsyncDisposable
{
    private ConvergedCloud? _left;

    /// <summary>Leaves <paramref name="cloud"/> for the next figure (disposing of one left before and never taken).</summary>
    public async Task LeaveAsync(ConvergedCloud cloud)
    {
        if (_left is { } earlier)
            await earlier.DisposeAsync();
        _left = cloud;
    }

    /// <summary>The cloud left here, now the caller's to dispose of, or null.</summary>
    public ConvergedCloud? Take()
    {
        var left = _left;
        _left = null;
        return left;
    }

    public async ValueTask DisposeAsync()
    {
        if (_left is { } left)
            await left.DisposeAsync();
        _left = null;
    }
}
