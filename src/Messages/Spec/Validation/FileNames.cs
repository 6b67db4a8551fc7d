using System.Text.RegularExpressions;

namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// Keys of config and secrets become files in /etc/&lt;service&gt;/ (and keys of a ConfigMap or Secret), so each
/// must be a plain file name: a `/` or `..` would write outside that folder on the host.
/// </summary>
internal static partial class FileNames
{
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "a file name must not be empty";
        if (name.Contains('/')) return $"'{name}' holds a '/'; a file name is plain, without folders";
        if (name is "." or "..") return $"'{name}' is not a file name";
        if (name.Length > 253) return $"the file name is {name.Length} characters; at most 253";
        if (!AllowedPattern().IsMatch(name))
            return $"'{name}' may hold only letters, digits, '-', '.' and '_'";
        return null;
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex AllowedPattern();
}
