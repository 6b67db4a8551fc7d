using System.Text;
using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>Reads a unit's ConfigMap and Secret as the files for /etc/&lt;service&gt;/ (secrets kept apart for 0600).</summary>
public sealed class UnitConfigReader(IKubernetes kubernetes)
{
    public async Task<IReadOnlyList<ConfigFile>> ReadAsync(HostUnitSpec unit, CancellationToken cancellationToken)
    {
        var files = new List<ConfigFile>();
        if (!string.IsNullOrEmpty(unit.ConfigMap))
        {
            var map = await kubernetes.GetAsync<V1ConfigMap>(unit.Namespace, unit.ConfigMap, cancellationToken)
                ?? throw new UnitConfigMissingException($"configMap {unit.Namespace}/{unit.ConfigMap}: not found");
            files.AddRange((map.Data ?? new Dictionary<string, string>()).Select(pair => new ConfigFile(pair.Key, Encoding.UTF8.GetBytes(pair.Value), Secret: false)));
            files.AddRange((map.BinaryData ?? new Dictionary<string, byte[]>()).Select(pair => new ConfigFile(pair.Key, pair.Value, Secret: false)));
        }
        if (!string.IsNullOrEmpty(unit.Secret))
        {
            var secret = await kubernetes.GetAsync<V1Secret>(unit.Namespace, unit.Secret, cancellationToken)
                ?? throw new UnitConfigMissingException($"secret {unit.Namespace}/{unit.Secret}: not found");
            files.AddRange((secret.Data ?? new Dictionary<string, byte[]>()).Select(pair => new ConfigFile(pair.Key, pair.Value, Secret: true)));
            files.AddRange((secret.StringData ?? new Dictionary<string, string>()).Select(pair => new ConfigFile(pair.Key, Encoding.UTF8.GetBytes(pair.Value), Secret: true)));
        }
        return files;
    }

    /// <summary>
    /// The deployment's hash key from its Secret in the unit's namespace, needed only to check secret files against the
    /// keyed hash HostUnits names; null when the unit has no Secret or the key's Secret does not exist (an orchestrator
    /// from before keyed hashes names plain ones).
    /// </summary>
    public async Task<Rendering.HashKey?> ReadHashKeyAsync(HostUnitSpec unit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(unit.Secret))
            return null;
        var secret = await kubernetes.GetAsync<V1Secret>(unit.Namespace, Rendering.ResourceNames.HashKeySecret, cancellationToken);
        return Rendering.HashKey.FromSecretData(secret?.Data);
    }
}

/// <summary>The unit's ConfigMap or Secret does not exist (yet): the install step waits and retries.</summary>
public sealed class UnitConfigMissingException(string message) : Exception(message);
