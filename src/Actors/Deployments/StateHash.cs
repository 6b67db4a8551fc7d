using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Orchestrator.Actors.Deployments;

/// <summary>Hex SHA-256 of desired content: what events and annotations carry instead of the content (or a secret) itself.</summary>
public static class StateHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>One hash over several pieces; each is length-prefixed so that ("ab","c") and ("a","bc") differ.</summary>
    public static string Of(IEnumerable<string> parts) =>
        Of(string.Concat(parts.Select(p => p.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + p)));

    public static string Of(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => Of(objects.Select(o => KubernetesJson.Serialize(o)));
}
