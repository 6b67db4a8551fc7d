using System.Net;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Supervision;
using Orchestrator.Adapters.Kubernetes;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;

namespace Orchestrator.Hosting;

/// <summary>
/// The port as the actors see it: the adapter's refusals (400, 422) become <see cref="ApiRefusedException"/>, which
/// the supervisors know as "retrying cannot help"; everything else passes through untouched.
/// </summary>
public sealed class RefusalTranslatingKubernetes(IKubernetes inner) : IKubernetes
{
    public Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken) =>
        Translate(() => inner.ApplyAsync(desired, cancellationToken));

    public Task<ApplyResult> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, ObservedObject observed, CancellationToken cancellationToken) =>
        Translate(() => inner.ApplyAsync(desired, observed, cancellationToken));

    public IReadOnlyList<string> Drift(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta>? observed) => inner.Drift(desired, observed);

    public Task<T?> GetAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.GetAsync<T>(@namespace, name, cancellationToken);

    public Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.ListAsync<T>(@namespace, labelSelector, cancellationToken);

    public Task<bool> DeleteAsync<T>(string? @namespace, string name, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.DeleteAsync<T>(@namespace, name, cancellationToken);

    public IAsyncEnumerable<ObservedChange<T>> WatchAsync<T>(string? @namespace, string? labelSelector, CancellationToken cancellationToken, string? fieldSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta> => inner.WatchAsync<T>(@namespace, labelSelector, cancellationToken, fieldSelector);

    public Task UpdateStatusAsync<T>(T @object, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => Translate(async () =>
        {
            await inner.UpdateStatusAsync(@object, cancellationToken);
            return true;
        });

    public Task PatchStatusAsync<T>(string? @namespace, string name, object status, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> => Translate(async () =>
        {
            await inner.PatchStatusAsync<T>(@namespace, name, status, cancellationToken);
            return true;
        });

    public Task<ApplyResult> PatchMetadataAsync<T>(string? @namespace, string name, string? resourceVersion,
        IReadOnlyDictionary<string, string?> annotations, IReadOnlyDictionary<string, string?>? labels, IReadOnlyList<string>? finalizers,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Translate(() => inner.PatchMetadataAsync<T>(@namespace, name, resourceVersion, annotations, labels, finalizers, cancellationToken));

    public Task RecordEventAsync(V1ObjectReference involved, string type, string reason, string message, DateTimeOffset at,
        CancellationToken cancellationToken) => Translate(async () =>
        {
            await inner.RecordEventAsync(involved, type, reason, message, at, cancellationToken);
            return true;
        });

    public Task<ApplyResult> LabelNodeAsync(string node, IReadOnlyDictionary<string, string?> labels, CancellationToken cancellationToken) =>
        Translate(() => inner.LabelNodeAsync(node, labels, cancellationToken));

    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (KubernetesApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            throw new ApiRefusedException(e.Message);
        }
    }
}
