using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli;

/// <summary>
/// System.CommandLine's own parse errors as `--option: reason` on one line: its "not recognized" message lists the
/// allowed values on lines of their own, and some messages do not say which option they are about.
/// </summary>
public static partial class ParseErrors
{
    public static string OneLine(ParseError error)
    {
        var message = Whitespace().Replace(error.Message, " ").Trim();
        for (var symbol = error.SymbolResult; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is OptionResult { Option.Name: var name } && !message.Contains($"'{name}'", StringComparison.Ordinal))
                return $"{name}: {message}";
        }
        return message;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
