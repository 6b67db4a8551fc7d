using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Orchestrator.Actors.Agent;

public enum PortProtocol
{
    Tcp,
    Udp,
}

/// <summary>One declared port or port range of a host unit, as in "5900-5999/tcp" or "16509/udp".</summary>
public sealed record PortRule(int First, int Last, PortProtocol Protocol)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out PortRule? rule, out string reason)
    {
        rule = null;
        reason = "must look like PORT/tcp, PORT/udp or FIRST-LAST/tcp, ports 1-65535";
        if (string.IsNullOrEmpty(text))
            return false;
        var slash = text.Split('/');
        if (slash.Length != 2)
            return false;
        PortProtocol protocol;
        if (slash[1] == "tcp")
            protocol = PortProtocol.Tcp;
        else if (slash[1] == "udp")
            protocol = PortProtocol.Udp;
        else
            return false;
        var range = slash[0].Split('-');
        if (range.Length is < 1 or > 2 || !TryPort(range[0], out var first))
            return false;
        var last = first;
        if (range.Length == 2 && !TryPort(range[1], out last))
            return false;
        if (last < first)
        {
            reason = "the range's last port is below its first";
            return false;
        }
        rule = new PortRule(first, last, protocol);
        reason = "";
        return true;
    }

    /// <summary>The nft form of the match: "tcp dport 5900-5999".</summary>
    public string NftMatch => $"{(Protocol == PortProtocol.Tcp ? "tcp" : "udp")} dport {(First == Last ? First.ToString(CultureInfo.InvariantCulture) : $"{First}-{Last}")}";

    public override string ToString() =>
        (First == Last ? $"{First}" : $"{First}-{Last}") + "/" + (Protocol == PortProtocol.Tcp ? "tcp" : "udp");

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
