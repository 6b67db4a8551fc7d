using YamlDotNet.RepresentationModel;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>
/// What one reading of a document gathers besides the model: the errors, where every path sits in the text
/// (so later validation errors get a line and column too), and the paths whose value in the model is only a
/// stand-in because the text could not be read there (validation of those would only repeat the error).
/// </summary>
internal sealed class SpecReading
{
    private readonly List<SpecError> errors = [];
    private readonly HashSet<string> standIns = [];
    private readonly Dictionary<string, (int Line, int Column)> locations = [];

    public IReadOnlyList<SpecError> Errors => errors;

    public void Locate(string path, YamlNode node) => locations.TryAdd(path, Position(node));

    /// <summary>An error whose path still holds a usable value in the model (an unknown field, a field of another kind).</summary>
    public void Error(string path, string reason, YamlNode at)
    {
        var (line, column) = Position(at);
        errors.Add(new SpecError(path, reason, line, column));
    }

    /// <summary>An error that leaves a stand-in value at <paramref name="path"/>.</summary>
    public void Unreadable(string path, string reason, YamlNode at)
    {
        Error(path, reason, at);
        standIns.Add(path);
    }

    /// <summary>Marks a path whose model value is a stand-in, when the error itself was reported at a path below it.</summary>
    public void StandIn(string path) => standIns.Add(path);

    /// <summary>
    /// True when the model's value at this path holds a stand-in: the path itself, a path above it (the
    /// whole item is one) or a path within it (one of its items is one).
    /// </summary>
    public bool Touches(string path)
    {
        for (var current = path; current is not null; current = SpecPath.Parent(current))
            if (standIns.Contains(current))
                return true;
        return standIns.Any(standIn => standIn.StartsWith(path + ".", StringComparison.Ordinal) ||
                                       standIn.StartsWith(path + "[", StringComparison.Ordinal));
    }

    /// <summary>The error with the line and column of its path, or of the nearest enclosing path the text has.</summary>
    public SpecError WithPosition(SpecError error)
    {
        for (var current = error.Path; current is not null; current = SpecPath.Parent(current))
            if (locations.TryGetValue(current, out var at))
                return error with { Line = at.Line, Column = at.Column };
        return error;
    }

    private static (int Line, int Column) Position(YamlNode node) => ((int)node.Start.Line, (int)node.Start.Column);
}
