using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// Bound service-account tokens as the real API server issues them through the TokenRequest API: an RS256 JWT
/// signed by the cluster's own key, with the issuer, audiences, expiry and the ServiceAccount's name and uid.
/// A token authenticates only while its signature holds, it has not expired, one of its audiences is the API
/// server's, and the ServiceAccount it names still exists with the same uid (deleting it revokes its tokens).
/// </summary>
public sealed class ServiceAccountTokens(ObjectStore store, TimeProvider clock) : IDisposable
{
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";
    public static readonly IReadOnlyList<string> ApiAudiences = [Issuer];

    /// <summary>The server's default lifetime and the shortest one it accepts, as kube-apiserver's.</summary>
    public const long DefaultExpirationSeconds = 3600;
    public const long MinimumExpirationSeconds = 600;

    private readonly RSA _key = RSA.Create(2048);
    private string? _keyId;

    public (string Token, DateTimeOffset Expires) Issue(JsonObject serviceAccount, IReadOnlyList<string> audiences, long expirationSeconds)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddSeconds(expirationSeconds);
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId() };
        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = serviceAccount.Namespace(),
                ["serviceaccount"] = new JsonObject { ["name"] = serviceAccount.Name(), ["uid"] = serviceAccount.Uid() },
            },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = UserInfo.ServiceAccountPrefix + serviceAccount.Namespace() + ":" + serviceAccount.Name(),
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (signingInput + "." + Base64Url(signature), expires);
    }

    /// <summary>The service account's user, or null when the token is not one this server would accept.</summary>
    public UserInfo? Authenticate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return null;
        JsonObject? claims;
        try
        {
            var signature = FromBase64Url(parts[2]);
            if (!_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                return null;
            claims = System.Text.Json.Nodes.JsonNode.Parse(FromBase64Url(parts[1]))?.AsObject();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
        if (claims is null)
            return null;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if ((long?)claims["exp"] is not { } exp || exp <= now || (long?)claims["nbf"] is { } nbf && nbf > now)
            return null;
        if (claims["aud"]?.AsArray().Select(a => (string?)a).Intersect(ApiAudiences).Any() != true)
            return null;
        var ns = (string?)claims["kubernetes.io"]?["namespace"];
        var name = (string?)claims["kubernetes.io"]?["serviceaccount"]?["name"];
        var uid = (string?)claims["kubernetes.io"]?["serviceaccount"]?["uid"];
        if (ns is null || name is null || uid is null)
            return null;
        var account = store.Get(BuiltInResources.ServiceAccounts, ns, name);
        if (account is null || account.Uid() != uid || account.IsDeleting())
            return null;
        return UserInfo.ServiceAccount(ns, name);
    }

    public void Dispose() => _key.Dispose();

    private string KeyId() => _keyId ??= Base64Url(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
