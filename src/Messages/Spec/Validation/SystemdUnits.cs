namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// The least a unit file needs for `systemctl enable --now` to run the service: a [Service] section with an
/// ExecStart= that names a command. Anything else is systemd's to judge when the agent installs it.
/// </summary>
internal static class SystemdUnits
{
    public static string? Problem(string unit)
    {
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
