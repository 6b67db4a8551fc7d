using System.Text;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// Replaces every secret file's value (and each of its non-trivial lines, since a service often logs one line of
/// a multi-line secret), in its plain, base64, URL-encoded, JSON-escaped and shell-quoted forms, with *** in
/// journal lines, before they reach an event, a status or a log.
/// </summary>
public sealed partial class SecretMask
{
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Mask = "***";
    private const int ShortestMasked = 4; // shorter fragments would mask ordinary words

    private readonly string[] _values;

    public SecretMask(IEnumerable<ConfigFile> files)
    {
        _values = files.Where(file => file.Secret)
            .SelectMany(file => Fragments(Encoding.UTF8.GetString(file.Content)))
            .Where(value => value.Length >= ShortestMasked)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(value => value.Length) // the whole value before any line of it
            .ToArray();
    }

    public static readonly SecretMask None = new([]);

    public bool IsEmpty => _values.Length == 0;

    public string Apply(string line)
    {
        foreach (var value in _values)
            line = line.Replace(value, Mask, StringComparison.Ordinal);
        return line;
    }

    public IReadOnlyList<string> Apply(IEnumerable<string> lines) => lines.Select(Apply).ToList();

    /// <summary>
    /// The value and each of its lines, each also as a program would print it: base64 (a token in a header), URL-encoded
    /// (a connection URL), and quoted or escaped for JSON and shells (a config dump, an argv line).
    /// </summary>
    private static IEnumerable<string> Fragments(string value)
    {
        foreach (var fragment in new[] { value, value.Trim() }.Concat(value.Split('\n').Select(line => line.Trim())))
        {
            if (fragment.Length == 0)
                continue;
            yield return fragment;
            yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(fragment)).TrimEnd('=');
            var escaped = Uri.EscapeDataString(fragment);
            yield return escaped;
            yield return PercentEscape().Replace(escaped, match => match.Value.ToLowerInvariant()); // %2f as well as %2F
            yield return System.Text.Json.JsonSerializer.Serialize(fragment)[1..^1]; // escaped as inside a JSON string (\u0022)
            yield return System.Text.Json.JsonSerializer.Serialize(fragment, RelaxedJson)[1..^1]; // or with \" as most programs write it
            yield return fragment.Replace("'", "'\\''", StringComparison.Ordinal); // inside single quotes in a shell
            yield return fragment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("%[0-9A-F]{2}")]
    private static partial System.Text.RegularExpressions.Regex PercentEscape();
}
