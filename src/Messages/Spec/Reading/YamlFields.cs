using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>
/// The fields of one YAML map, read strictly: a field not in <c>known</c> is an error (with a hint when it looks
/// like a typo), and each typed getter reports a value of the wrong type at its path and returns nothing.
/// YAML merge keys (<c>&lt;&lt;: *defaults</c>) are honoured, as kubectl honours them: a merged map fills in
/// only the fields this map does not give itself.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly YamlMappingNode node;
    private readonly SpecReading reading;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> fields = new(StringComparer.Ordinal);

    // Merged maps may merge others in turn; this bounds a chain that YAML anchors could make deep.
    private const int MaxMergeDepth = 8;

    /// <param name="hintsFor">The field names worth suggesting for a typo, given the known fields read so
    /// far (a service suggests the fields of its kind); all of <paramref name="known"/> when null.</param>
    public YamlFields(YamlMappingNode node, string path, SpecReading reading, IReadOnlyList<string> known,
        Func<YamlFields, IReadOnlyList<string>>? hintsFor = null)
    {
        this.node = node;
        this.reading = reading;
        Path = path;
        reading.Locate(path, node);
        var unknown = new List<(string Name, YamlScalarNode Key)>();
        Collect(node, known, unknown, depth: 0);
        var hints = hintsFor?.Invoke(this) ?? known;
        foreach (var (name, key) in unknown)
            reading.Error(SpecPath.Field(path, name), "unknown field" + ClosestName.Hint(name, hints), key);
    }

    private void Collect(YamlMappingNode map, IReadOnlyList<string> known, List<(string, YamlScalarNode)> unknown, int depth)
    {
        var merged = new List<YamlMappingNode>();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalarKey)
            {
                reading.Error(Path, $"a field name must be plain text, not {Kind(key)}", key);
                continue;
            }
            if (name == "<<" && scalarKey.Style is ScalarStyle.Plain or ScalarStyle.Any)
            {
                merged.AddRange(MergeSources(value, scalarKey, depth));
                continue;
            }
            if (fields.ContainsKey(name) || unknown.Any(field => field.Item1 == name))
                continue;
            if (!known.Contains(name))
            {
                unknown.Add((name, scalarKey));
                continue;
            }
            fields[name] = (scalarKey, value);
            reading.Locate(SpecPath.Field(Path, name), IsNull(value) ? scalarKey : value);
        }
        // Fields of this map win over merged ones, and an earlier merged map over a later one (YAML's merge rule).
        foreach (var source in merged)
            Collect(source, known, unknown, depth + 1);
    }

    private IEnumerable<YamlMappingNode> MergeSources(YamlNode value, YamlScalarNode key, int depth)
    {
        if (depth >= MaxMergeDepth)
        {
            reading.Error(Path, $"merge keys (<<) nest deeper than {MaxMergeDepth} maps", key);
            return [];
        }
        if (value is YamlMappingNode map) return [map];
        if (value is YamlSequenceNode list && list.Children.All(item => item is YamlMappingNode))
            return list.Children.Cast<YamlMappingNode>();
        reading.Error(SpecPath.Field(Path, "<<"), $"a merge key takes a map or a list of maps, got {Kind(value)}", key);
        return [];
    }

    /// <summary>The text of a known field's plain value, without reporting anything, for a hint chosen before reading.</summary>
    public string? Peek(string name) =>
        fields.TryGetValue(name, out var field) && field.Value is YamlScalarNode { Value: var text } ? text : null;

    public string Path { get; }

    /// <summary>The names of the known fields the map gives a value (null values count as absent).</summary>
    public IEnumerable<string> Present => fields.Where(f => !IsNull(f.Value.Value)).Select(f => f.Key);

    public YamlScalarNode KeyNode(string name) => fields[name].Key;

    public string PathOf(string name) => SpecPath.Field(Path, name);

    /// <summary>The value of a field, or null when it is absent or null; a missing required field is reported.</summary>
    public YamlNode? Value(string name, bool required = false)
    {
        if (fields.TryGetValue(name, out var field) && !IsNull(field.Value))
            return field.Value;
        if (required)
        {
            var reason = fields.ContainsKey(name) ? "required, but has no value" : "required field is missing";
            reading.Unreadable(PathOf(name), reason, fields.TryGetValue(name, out var f) ? f.Key : node);
        }
        return null;
    }

    public string? String(string name, bool required = false) =>
        Value(name, required) is { } value ? Text(value, PathOf(name)) : null;

    public int? Int(string name)
    {
        if (Value(name) is not { } value) return null;
        if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text } && IntegerPattern().IsMatch(text))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                return number;
            reading.Unreadable(PathOf(name), $"{text} is too large for an integer", value);
            return null;
        }
        reading.Unreadable(PathOf(name), $"expected an integer, got {Describe(value)}", value);
        return null;
    }

    public bool? Bool(string name)
    {
        if (Value(name) is not { } value) return null;
        if (value is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text })
        {
            if (text is "true" or "True" or "TRUE") return true;
            if (text is "false" or "False" or "FALSE") return false;
        }
        reading.Unreadable(PathOf(name), $"expected true or false, got {Describe(value)}", value);
        return null;
    }

    public YamlMappingNode? Map(string name, bool required = false)
    {
        if (Value(name, required) is not { } value) return null;
        if (value is YamlMappingNode map) return map;
        reading.Unreadable(PathOf(name), $"expected a map, got {Kind(value)}", value);
        return null;
    }

    public YamlSequenceNode? List(string name, bool required = false)
    {
        if (Value(name, required) is not { } value) return null;
        if (value is YamlSequenceNode list) return list;
        reading.Unreadable(PathOf(name), $"expected a list, got {Kind(value)}", value);
        return null;
    }

    /// <summary>A list of strings; an item of another type is reported at its own index, and an empty stand-in keeps its place.</summary>
    public IReadOnlyList<string> StringList(string name, bool required = false)
    {
        if (List(name, required) is not { } list) return [];
        var items = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = SpecPath.Index(PathOf(name), i);
            reading.Locate(itemPath, list.Children[i]);
            // A stand-in keeps the indices of the model equal to those of the text.
            items.Add(IsNull(list.Children[i]) ? NullItem(itemPath, list.Children[i]) : Text(list.Children[i], itemPath) ?? "");
        }
        return items;
    }

    /// <summary>A map of file name to content, sorted by name so that rendering is deterministic.</summary>
    public IReadOnlyDictionary<string, string> StringMap(string name)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Map(name) is not { } map) return files;
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } fileName })
            {
                reading.Error(PathOf(name), $"a file name must be plain text, not {Kind(key)}", key);
                continue;
            }
            var path = SpecPath.Key(PathOf(name), fileName);
            reading.Locate(path, key);
            // Never quote the value: these maps hold secrets.
            if (value is YamlScalarNode { Value: { } content } && !IsNull(value))
                files[fileName] = content;
            else if (IsNull(value))
                files[fileName] = "";
            else
                reading.Unreadable(path, $"expected the file's content as a string, got {Kind(value)}", value);
        }
        return files;
    }

    /// <summary>The text of a scalar, or null (reported) when the node is a list or a map.</summary>
    public string? Text(YamlNode value, string path)
    {
        if (value is YamlScalarNode { Value: { } text }) return text;
        reading.Unreadable(path, $"expected a string, got {Kind(value)}", value);
        return null;
    }

    private string NullItem(string path, YamlNode at)
    {
        reading.Unreadable(path, "expected a string, got nothing (null)", at);
        return "";
    }

    /// <summary>A YAML null: an empty plain value, ~ or null.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "" or "~" or "null" or "Null" or "NULL" or null };

    /// <summary>
    /// How a wrong number or boolean is named in a reason, quoting it. Only for those: a map or a list
    /// expected where a string stands may be a secret's place, so those reasons name just the <see cref="Kind"/>.
    /// </summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, Value: var text } =>
            $"the quoted string \"{text}\"",
        YamlScalarNode { Value: var text } => $"'{text}'",
        _ => Kind(node),
    };

    public static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode when IsNull(node) => "nothing (null)",
        _ => "a single value",
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();
}
