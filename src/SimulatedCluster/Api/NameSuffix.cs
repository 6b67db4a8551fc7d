namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The random suffix of generateName and of pod names, from the alphabet the API server uses (no vowels, no look-alikes).</summary>
public static class NameSuffix
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Random(int length) =>
        string.Create(length, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
                chars[i] = Alphabet[System.Random.Shared.Next(Alphabet.Length)];
        });

    /// <summary>A stable suffix for a text (the pod-template-hash of a template, a revision name).</summary>
    public static string Hash(string text)
    {
        var hash = BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(hash % (uint)Alphabet.Length)];
            hash /= (uint)Alphabet.Length;
            if (hash == 0) return new string(chars, 0, i + 1);
        }
        return new string(chars);
    }
}
