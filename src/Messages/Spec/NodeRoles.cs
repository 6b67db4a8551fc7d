namespace Orchestrator.Messages.Spec;

/// <summary>The roles a node can play, and the label each one becomes.</summary>
public static class NodeRoles
{
    public const string Controller = "controller";
    public const string Compute = "compute";
    public const string NetNode = "net-node";
    public const string BlockStorage = "block-storage";
    public const string ObjectStorage = "object-storage";
    public const string Database = "database";

    public static readonly IReadOnlyList<string> All =
        [Controller, Compute, NetNode, BlockStorage, ObjectStorage, Database];

    /// <summary>The roles whose services run as host units (everything but controller).</summary>
    public static readonly IReadOnlyList<string> Stateful =
        [Compute, NetNode, BlockStorage, ObjectStorage, Database];

    public static string Label(string role) => "openstack-" + role;
}
