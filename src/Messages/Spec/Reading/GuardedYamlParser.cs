using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>
/// YamlDotNet's parser, refusing two things its representation model mishandles before the model is built:
/// nesting so deep that loading the model (which recurses once per level) would overflow the stack and kill
/// the process, and an alias used before its anchor, which the model reports at line 1, column 1 instead of
/// where the alias is. Both are reported as YAML errors at the event where they happen.
/// </summary>
internal sealed class GuardedYamlParser(IParser inner) : IParser
{
    /// <summary>Far more than any spec needs (it has six levels), far less than what overflows the stack.</summary>
    public const int MaxNesting = 100;

    private readonly HashSet<string> anchors = new(StringComparer.Ordinal);
    private int depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        if (inner.Current is NodeEvent { Anchor.IsEmpty: false } anchored)
            anchors.Add(anchored.Anchor.Value);
        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++depth > MaxNesting:
                throw new YamlException(inner.Current.Start, inner.Current.End,
                    $"maps and lists nest deeper than {MaxNesting} levels");
            case MappingEnd or SequenceEnd:
                depth--;
                break;
            case DocumentStart:
                // Anchors are local to their document.
                anchors.Clear();
                break;
            case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                throw new YamlException(alias.Start, alias.End,
                    $"the alias *{alias.Value.Value} names no anchor (&{alias.Value.Value}) defined before it");
        }
        return true;
    }
}
