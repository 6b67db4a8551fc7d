using System.Text.RegularExpressions;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// One file for /etc/&lt;service&gt;/, from a key of the unit's ConfigMap or Secret. Secret files are written
/// with mode 0600. The content never reaches a log, an event or an exception message.
/// </summary>
public sealed partial record ConfigFile(string Name, byte[] Content, bool Secret)
{
    /// <summary>A plain file name: no folder, no "..", no leading dot (our temporary files start with one).</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length <= 253 && PlainFileName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_][-._A-Za-z0-9]*$")]
    private static partial Regex PlainFileName();
}
