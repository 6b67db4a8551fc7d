using System.Text;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// Replaces every secret file's value (and each of its non-trivial lines, since a service often logs one line of
/// a multi-line secret) with *** in journal lines, before they reach an event, a status or a log.
/// </summary>
public sealed class SecretMask
{
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

    private static IEnumerable<string> Fragments(string value)
    {
        yield return value;
        yield return value.Trim();
        foreach (var line in value.Split('\n'))
            yield return line.Trim();
    }
}
