using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Serilog;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// A level-triggered watch of one kind: list (every object as Added), then watch from the list's resourceVersion
/// with bookmarks. A dropped connection resumes from the last resourceVersion seen; 410 Gone relists and reports
/// the difference (<see cref="RelistDifference"/>); failures reconnect with backoff. Ends only on cancellation.
/// </summary>
public sealed class ResourceWatch<T>(
    ApiRequests requests,
    ResourceType type,
    string? @namespace,
    string? labelSelector,
    KubernetesAdapterOptions options,
    ILogger logger,
    string? fieldSelector = null)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<ObjectKey, T> known = [];
    private string? resourceVersion;
    private bool listedOnce;
    private int failures;

    public async IAsyncEnumerable<ObservedChange<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (resourceVersion is null)
            {
                var changes = await RelistAsync(cancellationToken);
                if (changes is null)
                {
                    if (!await PauseAsync(cancellationToken))
                        yield break;
                    continue;
                }
                foreach (var change in changes)
                    yield return change;
            }

            var stream = await OpenAsync(cancellationToken);
            if (stream is null)
            {
                // No pause after a 410 (failures untouched): relisting is the remedy, not waiting.
                if (failures > 0 && !await PauseAsync(cancellationToken))
                    yield break;
                continue;
            }

            var received = 0;
            var cancelled = false;
            await using (stream)
            {
                while (true)
                {
                    WatchEvent<T>? next;
                    try
                    {
                        next = await stream.ReadAsync(cancellationToken);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        cancelled = true;
                        break;
                    }
                    catch (Exception dropped)
                    {
                        Log("connection dropped", dropped.GetType().Name);
                        break;
                    }
                    if (next is null)
                        break;
                    var (observed, keepReading) = Observe(next);
                    if (!keepReading)
                        break;
                    received++;
                    if (observed is not null)
                        yield return observed;
                }
            }
            if (cancelled)
                yield break;
            // A connection that ended without one good event counts as a failure, so that a server which accepts and
            // hangs up at once is not hammered; one that carried events resumes at once from where it stopped.
            failures = received > 0 ? 0 : failures + 1;
            if (failures > 0 && resourceVersion is not null && !await PauseAsync(cancellationToken))
                yield break;
        }
    }

    /// <summary>Lists, and returns what to report: everything as Added the first time, the difference after a 410.</summary>
    private async Task<IReadOnlyList<ObservedChange<T>>?> RelistAsync(CancellationToken cancellationToken)
    {
        var call = new ApiCall("list", type.Kind, @namespace, labelSelector);
        ObjectList<T> list;
        try
        {
            list = await requests.ListAsync<T>(type, @namespace, labelSelector, call, cancellationToken, fieldSelector);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            failures++;
            Log("list failed", Describe(failure));
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        IReadOnlyList<ObservedChange<T>> changes = listedOnce
            ? RelistDifference.Between(known, list.Items)
            : list.Items.Select(item => new ObservedChange<T>(ChangeType.Added, item)).ToList();
        known.Clear();
        foreach (var item in list.Items)
            known[ObjectKey.Of(item)] = item;
        resourceVersion = list.ResourceVersion;
        listedOnce = true;
        failures = 0;
        return changes;
    }

    private async Task<WatchStream<T>?> OpenAsync(CancellationToken cancellationToken)
    {
        var call = new ApiCall("watch", type.Kind, @namespace, labelSelector);
        try
        {
            var response = await requests.OpenWatchAsync(type, @namespace, labelSelector, resourceVersion!, options.WatchTimeout, call, cancellationToken, fieldSelector);
            return new WatchStream<T>(response, type);
        }
        catch (KubernetesApiException gone) when (gone.StatusCode == HttpStatusCode.Gone)
        {
            Log("resourceVersion expired, relisting", "410");
            resourceVersion = null;
            return null;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            failures++;
            Log("watch failed", Describe(failure));
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Keeps the known objects and the resume point current; returns the change to report, if any.</summary>
    private (ObservedChange<T>? Change, bool KeepReading) Observe(WatchEvent<T> next)
    {
        switch (next.Type)
        {
            case WatchEvent<T>.Bookmark:
                resourceVersion = next.ResourceVersion ?? resourceVersion;
                return (null, true);
            case WatchEvent<T>.ErrorType when next.Error?.Code == (int)HttpStatusCode.Gone:
                Log("resourceVersion expired, relisting", "410");
                resourceVersion = null;
                return (null, false);
            case WatchEvent<T>.ErrorType:
                Log("watch error", next.Error?.Code?.ToString() ?? "unknown");
                return (null, false);
        }

        var @object = next.Object!;
        resourceVersion = next.ResourceVersion ?? resourceVersion;
        var key = ObjectKey.Of(@object);
        switch (next.Type)
        {
            case WatchEvent<T>.Added:
                known[key] = @object;
                return (new ObservedChange<T>(ChangeType.Added, @object), true);
            case WatchEvent<T>.Modified:
                known[key] = @object;
                return (new ObservedChange<T>(ChangeType.Modified, @object), true);
            case WatchEvent<T>.Deleted:
                known.Remove(key);
                return (new ObservedChange<T>(ChangeType.Deleted, @object), true);
            default:
                Log("unknown event type ignored", next.Type);
                return (null, true);
        }
    }

    /// <summary>Waits before the next attempt; false when cancelled meanwhile.</summary>
    private async Task<bool> PauseAsync(CancellationToken cancellationToken)
    {
        var delay = BackoffDelay.For(Math.Max(0, failures - 1), options.InitialRetryDelay, options.MaxReconnectDelay, Random.Shared.NextDouble());
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Log(string what, string detail) =>
        logger.Information("Kubernetes watch {Kind} {Namespace} {LabelSelector}: {What} ({Detail}) at resourceVersion {ResourceVersion}",
            type.Kind, @namespace, labelSelector, what, detail, resourceVersion);

    private static string Describe(Exception failure) =>
        failure is KubernetesApiException { StatusCode: { } status } ? ((int)status).ToString() : failure.GetType().Name;
}
