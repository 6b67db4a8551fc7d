using k8s;
using k8s.Models;
using Orchestrator.Actors.Services;

namespace Orchestrator.Actors.Watching;

/// <summary>
/// The objects the watches report for the services of one deployment (ConfigMaps, Secrets, Services, Ingresses and
/// workloads), indexed by the service label they carry, so that one service's report is read without a scan of all.
/// </summary>
public sealed class ServiceObjectIndex
{
    private readonly Dictionary<ObjectIdentity, IKubernetesObject<V1ObjectMeta>> _objects = [];
    private readonly Dictionary<string, Dictionary<ObjectIdentity, IKubernetesObject<V1ObjectMeta>>> _byService = new(StringComparer.Ordinal);

    /// <summary>Keeps the object as reported (null: deleted); returns the services whose objects this changed (its label before and now).</summary>
    public IReadOnlyList<string> Put(ObjectIdentity identity, IKubernetesObject<V1ObjectMeta>? reported)
    {
        var before = _objects.GetValueOrDefault(identity);
        var services = new List<string>(2);
        if (before is not null && Observations.ServiceOf(before.Metadata) is { } previous)
        {
            _byService[previous].Remove(identity);
            if (_byService[previous].Count == 0)
                _byService.Remove(previous);
            services.Add(previous);
        }
        _objects.Remove(identity);
        if (reported is null)
            return services;
        _objects[identity] = reported;
        if (Observations.ServiceOf(reported.Metadata) is { } service)
        {
            if (!_byService.TryGetValue(service, out var own))
                _byService[service] = own = [];
            own[identity] = reported;
            if (!services.Contains(service))
                services.Add(service);
        }
        return services;
    }

    /// <summary>The service's objects as last reported, in a stable order.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Of(string service) =>
        _byService.TryGetValue(service, out var own)
            ? own.OrderBy(p => p.Key.Kind, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal).Select(p => p.Value).ToList()
            : [];
}
