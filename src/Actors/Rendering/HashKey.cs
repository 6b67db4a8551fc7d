using System.Security.Cryptography;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The deployment's key for hashes of secret content (HMAC-SHA256). A plain SHA-256 of a weak password, kept in the
/// journal, a pod template or HostUnits, gives the password back to anyone who tries a dictionary against it; a hash
/// keyed with 256 random bits does not. The orchestrator makes the key once per deployment and keeps it in the Secret
/// <see cref="ResourceNames.HashKeySecret"/> of the deployment's namespace, read back before every rendering like a
/// generated TLS key. It never enters the journal, a log or a status: only hashes made with it do.
/// </summary>
public sealed class HashKey : IEquatable<HashKey>
{
    /// <summary>The Secret's data key that holds the key bytes.</summary>
    public const string DataKey = "hmac-sha256.key";

    private const int Length = 32;
    private readonly byte[] _key;

    private HashKey(byte[] key) => _key = key;

    public static HashKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>The key in a Secret's data, or null when it is absent or too short to be one we made.</summary>
    public static HashKey? FromSecretData(IDictionary<string, byte[]>? data) =>
        data is not null && data.TryGetValue(DataKey, out var key) && key.Length >= Length ? new HashKey(key.ToArray()) : null;

    /// <summary>A fixed key from bytes the caller keeps (render's state folder, test fixtures).</summary>
    public static HashKey FromBytes(byte[] key) =>
        key.Length >= Length ? new HashKey(key.ToArray()) : throw new ArgumentException($"a hash key has at least {Length} bytes", nameof(key));

    public IDictionary<string, byte[]> ToSecretData() =>
        new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { [DataKey] = _key.ToArray() };

    public byte[] ToBytes() => _key.ToArray();

    /// <summary>Hex HMAC-SHA256 of the content under this key.</summary>
    public string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, content));

    public string Of(string content) => Of(System.Text.Encoding.UTF8.GetBytes(content));

    public bool Equals(HashKey? other) => other is not null && CryptographicOperations.FixedTimeEquals(_key, other._key);

    public override bool Equals(object? obj) => Equals(obj as HashKey);

    public override int GetHashCode() => _key.Length;

    public override string ToString() => "HashKey { withheld }";
}
