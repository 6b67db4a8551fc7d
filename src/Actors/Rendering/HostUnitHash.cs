using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The one formula of a host unit's hashes, shared by the renderer (which names them in HostUnits) and the node
/// agent (which recomputes them from the ConfigMap and Secret it read, and installs only when they agree). Two
/// copies of this formula could drift apart and make every unit wait for ever, so there is one.
/// </summary>
public static class HostUnitHash
{
    /// <summary>The hash of a ConfigMap's files (name -> text).</summary>
    public static string OfConfig(IEnumerable<KeyValuePair<string, string>> files) => ContentHash.OfFiles(files);

    /// <summary>
    /// The hash of a Secret's files (name -> text), keyed with the deployment's <see cref="HashKey"/>: it travels in
    /// HostUnits and pod templates, which more people read than the Secret. A Secret without files has no content to
    /// key, and without a key (the agent of an orchestrator that had none) the hash is the plain one it wrote.
    /// </summary>
    public static string OfSecret(IReadOnlyCollection<KeyValuePair<string, string>> files, HashKey? key) =>
        key is null || files.Count == 0 ? ContentHash.OfFiles(files) : ContentHash.OfFiles(files, key);

    /// <summary>The hash of a service's files: what a pod template carries and a host unit's hash covers.</summary>
    public static string OfFiles(string configHash, string secretHash) => ContentHash.Combine(configHash, secretHash);

    /// <summary>The unit's hash: everything the agent acts on, the files' content included (through filesHash).</summary>
    public static string Of(HostUnitSpec unit, string filesHash) => ContentHash.Combine(
        unit.Name, unit.Namespace, unit.Source, unit.Unit, unit.ConfigMap, unit.Secret,
        unit.Conntrack ? "conntrack" : "notrack",
        string.Join(",", unit.Ports),
        filesHash);

    /// <summary>The unit with its three hashes filled in from the content its ConfigMap and Secret must hold.</summary>
    public static HostUnitSpec Stamp(HostUnitSpec unit, string configHash, string secretHash) =>
        unit with { ConfigHash = configHash, SecretHash = secretHash, Hash = Of(unit, OfFiles(configHash, secretHash)) };
}
