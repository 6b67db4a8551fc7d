namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// The one rule for a host service's `source` (the folder copied to /opt/&lt;service&gt;), applied by validation and
/// again by the node agent, which runs as root and reads its HostUnits object from an API anyone with rights can
/// write: an absolute path without NUL and without "..", that names a folder other than / once "." and repeated
/// slashes are resolved (so "/./" and "//" are refused as "/" is). Where links may lead is the agent's part
/// (SourceFolder), since only the filesystem knows.
/// </summary>
public static class SourcePaths
{
    /// <summary>Why <paramref name="source"/> is refused, or null when it is acceptable.</summary>
    public static string? Problem(string source)
    {
        if (source.Contains('\0'))
            return "must not hold a NUL character";
        if (!source.StartsWith('/'))
            return $"'{source}' must be an absolute path (the virtualenv to copy to /opt/<service>)";
        if (source.Split('/').Contains(".."))
            return $"'{source}' must not hold '..'";
        if (Normalised(source) == "/")
            return $"'{source}' is / once '.' and repeated slashes are resolved: it must name the service's own folder, not /";
        return null;
    }

    /// <summary>The path with "." parts, repeated and trailing slashes taken out ("/a/./b//" is "/a/b"); ".." is left alone.</summary>
    public static string Normalised(string source) =>
        "/" + string.Join('/', source.Split('/').Where(part => part.Length > 0 && part != "."));
}
