using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// A service name checked to be a DNS-1035 label: the only text that ever becomes a unit name, a folder under
/// /opt or /etc, or a firewall comment. The agent checks it again even though the spec validation upstream
/// already did, because a HostUnits object can be written by anyone with access to the API.
/// </summary>
public sealed partial record ServiceName
{
    private ServiceName(string value) => Value = value;

    public string Value { get; }

    public string UnitName => Value + ".service";

    public static bool TryParse(string? text, [NotNullWhen(true)] out ServiceName? name, out string reason)
    {
        name = null;
        if (string.IsNullOrEmpty(text))
            reason = "must not be empty";
        else if (text.Length > 63)
            reason = "must be at most 63 characters";
        else if (!Dns1035Label().IsMatch(text))
            reason = "must be a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, ending with a letter or digit)";
        else
        {
            reason = "";
            name = new ServiceName(text);
            return true;
        }
        return false;
    }

    public static ServiceName Parse(string text) =>
        TryParse(text, out var name, out var reason) ? name : throw new ArgumentException($"service name \"{text}\": {reason}", nameof(text));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();
}
