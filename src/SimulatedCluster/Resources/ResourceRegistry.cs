using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Resources;

/// <summary>
/// The resources the server serves: the built-in kinds, plus the versions of every registered
/// CustomResourceDefinition. Every request path, discovery document and store table is derived from it.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private Dictionary<(string Group, string Version, string Plural), ResourceType> _byPath = [];
    private Dictionary<string, List<ResourceType>> _byCrdName = [];

    public ResourceRegistry()
    {
        foreach (var type in BuiltInResources.All)
            _byPath[(type.Group, type.Version, type.Plural)] = type;
    }

    public ResourceType? Find(string group, string version, string plural)
    {
        lock (_gate)
            return _byPath.GetValueOrDefault((group, version, plural));
    }

    public IReadOnlyList<ResourceType> All()
    {
        lock (_gate)
            return [.. _byPath.Values];
    }

    /// <summary>Group name to its served versions, in the order discovery lists them (built-in groups first).</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        lock (_gate)
            return _byPath.Values.Where(t => t.Group.Length > 0)
                .GroupBy(t => t.Group)
                .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Version).Distinct().OrderByDescending(v => v, StringComparer.Ordinal).ToList()))
                .OrderBy(g => g.Key.EndsWith(".k8s.io", StringComparison.Ordinal) || g.Key == "apps" ? 0 : 1)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
    }

    public IReadOnlyList<ResourceType> InGroupVersion(string group, string version)
    {
        lock (_gate)
            return _byPath.Values.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Plural, StringComparer.Ordinal).ToList();
    }

    /// <summary>Serves the custom resource a CRD describes; returns the types it added.</summary>
    public IReadOnlyList<ResourceType> Register(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var group = (string)spec["group"]!;
        var plural = (string)names["plural"]!;
        var kind = (string)names["kind"]!;
        var singular = (string?)names["singular"] ?? kind.ToLowerInvariant();
        var shortNames = names["shortNames"]?.AsArray().Select(n => (string)n!).ToList() ?? [];
        var namespaced = (string?)spec["scope"] != "Cluster";
        var types = new List<ResourceType>();
        foreach (var version in spec["versions"]?.AsArray() ?? [])
        {
            if (version?["served"]?.GetValue<bool>() == false)
                continue;
            var hasStatus = version?["subresources"]?["status"] is not null;
            var columns = version?["additionalPrinterColumns"]?.AsArray().Select(c => new PrinterColumn(
                (string)c!["name"]!, (string?)c["type"] ?? "string", (string?)c["format"] ?? "", (string)c["jsonPath"]!,
                (int?)c["priority"] ?? 0, (string?)c["description"] ?? "")).ToList();
            types.Add(new ResourceType(group, (string)version!["name"]!, plural, singular, kind, namespaced, shortNames,
                HasStatus: hasStatus, TracksGeneration: true, StrategicMerge: false, PrinterColumns: columns is { Count: > 0 } ? columns : null));
        }
        lock (_gate)
        {
            var crdName = (string)crd["metadata"]!["name"]!;
            var byPath = new Dictionary<(string, string, string), ResourceType>(_byPath);
            foreach (var old in _byCrdName.GetValueOrDefault(crdName) ?? [])
                byPath.Remove((old.Group, old.Version, old.Plural));
            foreach (var type in types)
                byPath[(type.Group, type.Version, type.Plural)] = type;
            _byPath = byPath;
            _byCrdName = new Dictionary<string, List<ResourceType>>(_byCrdName) { [crdName] = types };
        }
        return types;
    }

    public IReadOnlyList<ResourceType> Unregister(string crdName)
    {
        lock (_gate)
        {
            if (!_byCrdName.TryGetValue(crdName, out var types))
                return [];
            var byPath = new Dictionary<(string, string, string), ResourceType>(_byPath);
            foreach (var type in types)
                byPath.Remove((type.Group, type.Version, type.Plural));
            _byPath = byPath;
            var byCrd = new Dictionary<string, List<ResourceType>>(_byCrdName);
            byCrd.Remove(crdName);
            _byCrdName = byCrd;
            return types;
        }
    }
}
