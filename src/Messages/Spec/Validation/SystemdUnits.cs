namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// The least a unit file needs for `systemctl enable --now` to run the service: a [Service] section with an
/// ExecStart= that names a command. Anything else is systemd's to judge when the agent installs it.
/// </summary>
public static class SystemdUnits
{
    /// <summary>
    /// The longest unit text accepted. A unit file is a few hundred bytes, rarely more than a few KiB; every unit of a
    /// node travels in that node's HostUnits object, which etcd stores whole (1.5 MiB per request), beside the status.
    /// 64 KiB leaves room for long ExecStart= lines and keeps one node's units far from that limit.
    /// </summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>What no unit text may be, whatever its content: checked by validation and again by the agent.</summary>
    public static string? TextProblem(string unit)
    {
        if (unit.Contains('\0'))
            return "must not hold a NUL character";
        if (System.Text.Encoding.UTF8.GetByteCount(unit) > MaxLength)
            return $"is {System.Text.Encoding.UTF8.GetByteCount(unit)} bytes; a unit may be at most {MaxLength} bytes (64 KiB)";
        return null;
    }

    public static string? Problem(string unit)
    {
        if (TextProblem(unit) is { } textProblem)
            return textProblem;
        string? section = null;
        var hasServiceSection = false;
        foreach (var rawLine in unit.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';')) continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                hasServiceSection |= section == "Service";
                continue;
            }
            var equals = line.IndexOf('=');
            if (section == "Service" && equals > 0 && line[..equals].Trim() == "ExecStart" &&
                line[(equals + 1)..].Trim().Length > 0)
                return null;
        }
        return hasServiceSection
            ? "the [Service] section has no ExecStart= with a command"
            : "has no [Service] section; a unit needs one with an ExecStart= line";
    }
}
