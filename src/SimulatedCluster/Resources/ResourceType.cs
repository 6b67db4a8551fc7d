namespace Orchestrator.SimulatedCluster.Resources;

/// <summary>One served resource of one group version: what discovery lists and what the store keys by.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    bool HasStatus = false,
    bool TracksGeneration = false,
    bool StrategicMerge = true,
    bool CreateOnly = false,
    IReadOnlyList<PrinterColumn>? PrinterColumns = null)
{
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string ListKind => Kind + "List";

    /// <summary>All versions of a resource share one storage, as they do in etcd.</summary>
    public string StorageKey => Group + "/" + Plural;

    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>What discovery lists; a review (CreateOnly) is answered, never stored, so it is only created.</summary>
    public IReadOnlyList<string> Verbs => CreateOnly ? ["create"] : AllVerbs;

    public override string ToString() => Group.Length == 0 ? Plural : Plural + "." + Group;
}
