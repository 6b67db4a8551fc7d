namespace Orchestrator.Hosting;

/// <summary>
/// What Akka's own HOCON parser lets through: it reads "akka { loglevel = " or "{{{ garbage" as a configuration
/// without a word. This scan (strings, comments, brackets) refuses the shapes no HOCON file has: an unclosed or
/// stray bracket, an unterminated string, a key with no value. No NuGet package served here parses HOCON strictly.
/// </summary>
public static class HoconShape
{
    /// <summary>Why <paramref name="text"/> cannot be HOCON, with its line, or null.</summary>
    public static string? Problem(string text)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                continue;
            }
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                    i++;
                continue;
            }
            if (c == '"')
            {
                var start = line;
                var triple = i + 2 < text.Length && text[i + 1] == '"' && text[i + 2] == '"';
                var end = triple ? text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal) : ClosingQuote(text, i + 1);
                if (end < 0)
                    return $"line {start}: a string is not closed";
                line += text.AsSpan(i, end - i).Count('\n');
                i = triple ? end + 2 : end;
                continue;
            }
            switch (c)
            {
                case '{' or '[':
                    open.Push((c, line));
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0 || open.Peek().Bracket != expected)
                        return $"line {line}: '{c}' closes nothing";
                    open.Pop();
                    break;
                case '=' or ':' when NothingFollows(text, i + 1):
                    return $"line {line}: '{c}' is followed by no value";
            }
        }
        return open.Count > 0 ? $"line {open.Peek().Line}: '{open.Peek().Bracket}' is never closed" : null;
    }

    private static int ClosingQuote(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '"')
                return i;
            else if (text[i] == '\n')
                return -1;
        }
        return -1;
    }

    /// <summary>After '=' or ':' comes a value; only the end of the text, or a closing bracket or comma, is none.</summary>
    private static bool NothingFollows(string text, int from)
    {
        var i = from;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        return i >= text.Length || text[i] is '}' or ']' or ',';
    }
}
