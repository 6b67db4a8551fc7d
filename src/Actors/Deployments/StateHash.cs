using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>Hex SHA-256 of desired content: what events and annotations carry instead of the content (or a secret) itself.</summary>
public static class StateHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>One hash over several pieces; each is length-prefixed so that ("ab","c") and ("a","bc") differ.</summary>
    public static string Of(IEnumerable<string> parts) =>
        Of(string.Concat(parts.Select(p => p.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + p)));

    /// <summary>
    /// One hash over objects as rendered. A Secret counts by its metadata alone: its data must never enter a plain digest
    /// that is persisted, and the renderer's desired-hash annotation in that metadata is keyed over the data, so a
    /// change of a secret value still changes this hash.
    /// </summary>
    public static string Of(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => Of(objects.Select(o => o is V1Secret secret
        ? KubernetesJson.Serialize(new V1Secret { ApiVersion = secret.ApiVersion, Kind = secret.Kind, Metadata = secret.Metadata, Type = secret.Type, Immutable = secret.Immutable })
        : KubernetesJson.Serialize(o)));

    /// <summary>
    /// The hash of a deployment spec with its secret values left out (their names kept): the coordinator's journal holds
    /// it, and the coordinator has no key. A change of a secret value alone is recorded, keyed, by the service whose
    /// Secret it is; the coordinator hands every part out again after each apply whatever this hash says.
    /// </summary>
    public static string OfWithoutSecretValues(OpenStackDeployment deployment) => Of(System.Text.Json.JsonSerializer.Serialize(deployment with
    {
        Spec = deployment.Spec with
        {
            Services = deployment.Spec.Services
                .Select(s => s with { Secrets = s.Secrets.Keys.Order(StringComparer.Ordinal).ToDictionary(name => name, _ => "") })
                .ToList(),
        },
    }));
}
