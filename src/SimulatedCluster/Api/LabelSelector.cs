namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// A label selector in the string form of the API (`a=b,c!=d,e in (f,g),h notin (i),j,!k`), and in the
/// structured form of a workload's spec.selector (matchLabels + matchExpressions).
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var term in SplitTerms(text))
            requirements.Add(ParseTerm(term.Trim(), text));
        return new LabelSelector(requirements);
    }

    /// <summary>The selector of a workload (metav1.LabelSelector as JSON); null matches nothing, as the API treats it.</summary>
    public static LabelSelector FromStructured(System.Text.Json.Nodes.JsonNode? selector)
    {
        if (selector is null)
            return new LabelSelector([_ => false]);
        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var (key, value) in selector["matchLabels"]?.AsObject() ?? [])
        {
            var expected = (string?)value;
            requirements.Add(l => l.TryGetValue(key, out var v) && v == expected);
        }
        foreach (var expression in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = (string)expression!["key"]!;
            var values = expression["values"]?.AsArray().Select(v => (string)v!).ToHashSet() ?? [];
            requirements.Add((string?)expression["operator"] switch
            {
                "In" => l => l.TryGetValue(key, out var v) && values.Contains(v),
                "NotIn" => l => !l.TryGetValue(key, out var v) || !values.Contains(v),
                "Exists" => l => l.ContainsKey(key),
                "DoesNotExist" => l => !l.ContainsKey(key),
                var op => throw ApiException.BadRequest($"\"{op}\" is not a valid label selector operator"),
            });
        }
        return new LabelSelector(requirements);
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term, string whole)
    {
        if (term.Length == 0)
            throw ApiException.BadRequest($"unable to parse requirement: found '', expected: identifier in \"{whole}\"");
        var setMatch = System.Text.RegularExpressions.Regex.Match(term, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var key = setMatch.Groups[1].Value;
            var values = setMatch.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return setMatch.Groups[2].Value == "in"
                ? l => l.TryGetValue(key, out var v) && values.Contains(v)
                : l => !l.TryGetValue(key, out var v) || !values.Contains(v);
        }
        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            var (key, value) = (term[..notEqual].Trim(), term[(notEqual + 2)..].Trim());
            return l => !l.TryGetValue(key, out var v) || v != value;
        }
        var equal = term.IndexOf('=');
        if (equal > 0)
        {
            var key = term[..equal].Trim();
            var value = term[(equal + 1)..].TrimStart('=').Trim();
            return l => l.TryGetValue(key, out var v) && v == value;
        }
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return l => !l.ContainsKey(key);
        }
        if (term.Any(char.IsWhiteSpace))
            throw ApiException.BadRequest($"unable to parse requirement: found '{term}', expected: in, notin, =, ==, !=, gt, lt");
        return l => l.ContainsKey(term);
    }
}
