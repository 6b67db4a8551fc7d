namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// Which fields of a service belong to which kind. A field of another kind is an error, not something to
/// ignore: `port` on a host service or `source` on an api one means the author thinks it does something.
/// </summary>
public static class ServiceKindFields
{
    private static readonly ServiceKind[] Every = [ServiceKind.Api, ServiceKind.Pinned, ServiceKind.Host];
    private static readonly ServiceKind[] Containers = [ServiceKind.Api, ServiceKind.Pinned];
    private static readonly ServiceKind[] HostOnly = [ServiceKind.Host];
    private static readonly ServiceKind[] PinnedOnly = [ServiceKind.Pinned];

    private static readonly (string Field, ServiceKind[] Kinds)[] Table =
    [
        ("name", Every),
        ("kind", Every),
        ("image", Containers),
        ("replicas", Containers),
        ("port", Containers),
        ("dependsOn", Every),
        ("config", Every),
        ("secrets", Every),
        ("role", HostOnly),
        ("source", HostOnly),
        ("unit", HostOnly),
        ("conntrack", HostOnly),
        ("ports", HostOnly),
        ("orderedStart", PinnedOnly),
    ];

    /// <summary>Every field a service may have, in the order DESIGN.md writes them.</summary>
    public static readonly IReadOnlyList<string> All = Table.Select(entry => entry.Field).ToArray();

    /// <summary>The fields every kind has, which mean the same whatever the kind (name, dependsOn, files).</summary>
    public static readonly IReadOnlyList<string> OfEveryKind =
        Table.Where(entry => entry.Kinds.Length == Every.Length).Select(entry => entry.Field).ToArray();

    /// <summary>Why <paramref name="field"/> does not belong to a service of <paramref name="kind"/>, or null when it does.</summary>
    public static string? NotAllowedReason(ServiceKind kind, string field)
    {
        var kinds = Table.FirstOrDefault(entry => entry.Field == field).Kinds;
        if (kinds is null || kinds.Contains(kind)) return null;
        var owners = string.Join(" and ", kinds.Select(Name));
        return $"not a field of {OfKind(kind)} ({field} belongs to {owners} services)";
    }

    public static string Name(ServiceKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>"an api service", "a host service": a service of the kind, as a reason names it.</summary>
    public static string OfKind(ServiceKind kind) => (kind == ServiceKind.Api ? "an " : "a ") + Name(kind) + " service";
}
