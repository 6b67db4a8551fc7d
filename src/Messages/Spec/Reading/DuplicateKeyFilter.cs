using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>
/// YamlDotNet's parser with every repeated key of a map (and the value after it) left out and recorded, so that
/// the model still loads: YamlDotNet would stop at the first repeat, hiding every other error in the file, and
/// it cannot say which field repeats. The readers report each repeat at the path of its field; the first of the
/// two is the one read.
/// </summary>
internal sealed class DuplicateKeyFilter(IParser inner) : IParser
{
    private readonly Stack<Frame> open = new();
    private readonly Dictionary<long, List<RepeatedKey>> repeatsByMap = [];

    public ParsingEvent? Current => inner.Current;

    /// <summary>The repeated keys of each map, by the offset in the text where the map starts.</summary>
    public IReadOnlyDictionary<long, List<RepeatedKey>> RepeatsByMap => repeatsByMap;

    public bool MoveNext()
    {
        while (inner.MoveNext())
        {
            var current = inner.Current!;
            if (current is MappingEnd or SequenceEnd)
            {
                open.Pop();
                return true;
            }
            if (current is Scalar or AnchorAlias or MappingStart or SequenceStart &&
                open.TryPeek(out var parent) && parent.IsMap && IsRepeat(current, parent))
            {
                SkipValue();
                continue;
            }
            if (current is MappingStart map)
                open.Push(new Frame(map.Start.Index, IsMap: true));
            else if (current is SequenceStart)
                open.Push(new Frame(-1, IsMap: false));
            return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="node"/> stands where <paramref name="map"/> expects a key, and repeats one.</summary>
    private bool IsRepeat(ParsingEvent node, Frame map)
    {
        var isKey = map.ExpectsKey;
        map.ExpectsKey = !map.ExpectsKey;
        if (!isKey || node is not Scalar { Value: var key } scalar)
            return false;
        if (map.Keys.TryGetValue(key, out var first))
        {
            if (!repeatsByMap.TryGetValue(map.StartIndex, out var repeats))
                repeatsByMap[map.StartIndex] = repeats = [];
            repeats.Add(new RepeatedKey(key, scalar.Start, first));
            // The value that follows is the repeat's too; the map expects a key after it.
            map.ExpectsKey = true;
            return true;
        }
        map.Keys[key] = scalar.Start;
        return false;
    }

    /// <summary>Reads past the value of a repeated key, however deep it is (counting, not recursing).</summary>
    private void SkipValue()
    {
        var depth = 0;
        while (inner.MoveNext())
        {
            if (inner.Current is MappingStart or SequenceStart) depth++;
            else if (inner.Current is MappingEnd or SequenceEnd) depth--;
            if (depth == 0) return;
        }
    }

    private sealed record Frame(long StartIndex, bool IsMap)
    {
        public bool ExpectsKey { get; set; } = true;
        public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>A key given a second time in one map: where the repeat is, and where the first one (the one read) is.</summary>
internal sealed record RepeatedKey(string Key, Mark At, Mark First);
