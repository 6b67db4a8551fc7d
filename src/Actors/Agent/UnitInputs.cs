using System.Text;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// Whether the files read from a unit's ConfigMap and Secret are the content its HostUnits entry names. The
/// orchestrator writes HostUnits and the ConfigMap/Secret in separate requests, in either order; installing what
/// was read without this check would put the old files on the host under the new hash and report them as it.
/// </summary>
public static class UnitInputs
{
    /// <summary>Null when the files are the ones the spec names; otherwise why the agent waits, naming the object behind.</summary>
    /// <param name="key">The deployment's hash key (null when its Secret does not exist: an orchestrator from before keyed hashes).</param>
    public static string? WhyNotCurrent(HostUnitSpec spec, IReadOnlyList<ConfigFile> files, HashKey? key)
    {
        var configHash = HostUnitHash.OfConfig(Texts(files, secret: false));
        var secretHash = HostUnitHash.OfSecret(Texts(files, secret: true).ToList(), key);
        var behind = new List<string>();
        if (spec.ConfigHash is { } wantedConfig && wantedConfig != configHash)
            behind.Add($"ConfigMap {spec.ConfigMap} to carry hash {Short(wantedConfig)} (has {Short(configHash)})");
        if (spec.SecretHash is { } wantedSecret && wantedSecret != secretHash)
            behind.Add($"Secret {spec.Secret} to carry hash {Short(wantedSecret)} (has {Short(secretHash)})");
        if (behind.Count > 0)
            return "waiting for " + string.Join(" and ", behind);
        var unitHash = HostUnitHash.Of(spec, HostUnitHash.OfFiles(configHash, secretHash));
        return unitHash == spec.Hash
            ? null
            : $"waiting for ConfigMap {spec.ConfigMap} and Secret {spec.Secret} to carry the content of hash {Short(spec.Hash)} (they give {Short(unitHash)})";
    }

    private static IEnumerable<KeyValuePair<string, string>> Texts(IReadOnlyList<ConfigFile> files, bool secret) =>
        files.Where(file => file.Secret == secret).Select(file => KeyValuePair.Create(file.Name, Encoding.UTF8.GetString(file.Content)));

    private static string Short(string hash) => hash.Length > 8 ? hash[..8] : hash;
}
