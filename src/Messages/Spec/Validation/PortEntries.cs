using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Messages.Spec.Validation;

/// <summary>Ports and entries of a host service's `ports`: <c>N/proto</c> or <c>N-M/proto</c>, proto tcp or udp.</summary>
public static partial class PortEntries
{
    public const int Lowest = 1;
    public const int Highest = 65535;

    public static bool IsPort(int port) => port is >= Lowest and <= Highest;

    /// <summary>Why the entry is not a port or port range, or null when it is one.</summary>
    public static string? Problem(string entry)
    {
        var match = EntryPattern().Match(entry);
        if (!match.Success)
            return $"'{entry}' must be N/proto or N-M/proto with proto tcp or udp (like 16509/tcp or 5900-5999/tcp)";
        foreach (var group in new[] { match.Groups["from"], match.Groups["to"] })
        {
            if (!group.Success) continue;
            if (!int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || !IsPort(port))
                return $"port {group.Value} in '{entry}' is outside {Lowest}..{Highest}";
        }
        if (match.Groups["to"].Success && int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture) >
            int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture))
            return $"the range in '{entry}' starts above its end";
        return null;
    }

    [GeneratedRegex("^(?<from>[0-9]+)(-(?<to>[0-9]+))?/(tcp|udp)$")]
    private static partial Regex EntryPattern();
}
