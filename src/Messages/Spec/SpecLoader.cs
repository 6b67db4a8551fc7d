using System.Text.RegularExpressions;
using Orchestrator.Messages.Spec.Reading;
using Orchestrator.Messages.Spec.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Messages.Spec;

/// <summary>
/// Reads an OpenStackDeployment document strictly and validates it, reporting every error at once in
/// document order. A deployment comes back only when there is no error at all, so nothing is ever applied
/// from a spec that is partly wrong.
/// </summary>
public static partial class SpecLoader
{
    public static SpecLoadResult Load(string path)
    {
        if (Directory.Exists(path))
            return Failed(new SpecError(path, "is a directory, not a file"));
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(new SpecError(path, "no such file"));
        }
        catch (UnauthorizedAccessException)
        {
            return Failed(new SpecError(path, "cannot read the file: permission denied"));
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            return Failed(new SpecError(path, $"cannot read the file: {e.Message}"));
        }
        return Parse(text);
    }

    public static SpecLoadResult Parse(string yaml)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            return Failed(new SpecError(SpecPath.Document, SyntaxReason(e), (int)e.Start.Line, (int)e.Start.Column));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, instead of a YamlException, when a flow list or map runs
            // on into a `key: value` line; the last event it read is where that [ or { was opened.
            var last = parser.Current?.End;
            return Failed(new SpecError(SpecPath.Document,
                "YAML syntax error: a [ or { opened here is not closed where it should be", (int?)last?.Line, (int?)last?.Column));
        }

        if (stream.Documents.Count == 0 || YamlFields.IsNull(stream.Documents[0].RootNode))
            return Failed(new SpecError(SpecPath.Document, "the document is empty; expected an OpenStackDeployment"));
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            return Failed(new SpecError(SpecPath.Document,
                $"the file holds {stream.Documents.Count} YAML documents; expected exactly one OpenStackDeployment",
                (int)second.Start.Line, (int)second.Start.Column));
        }
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode map)
            return Failed(new SpecError(SpecPath.Document,
                $"expected a map (apiVersion, kind, metadata, spec) at the top, got {YamlFields.Kind(root)}",
                (int)root.Start.Line, (int)root.Start.Column));

        var reading = new SpecReading();
        var deployment = DeploymentReader.Read(map, reading);
        var validation = SpecValidator.Validate(deployment, reading.Touches)
            .Where(error => !reading.Touches(error.Path))
            .Select(reading.WithPosition);
        var errors = reading.Errors.Concat(validation)
            .DistinctBy(error => (error.Path, error.Reason))
            .OrderBy(error => error.Line ?? int.MaxValue)
            .ThenBy(error => error.Column ?? int.MaxValue)
            .ThenBy(error => error.Path, SpecPathOrder.Instance)
            .ToList();
        return errors.Count == 0 ? new SpecLoadResult(deployment, []) : new SpecLoadResult(null, errors);
    }

    private static SpecLoadResult Failed(SpecError error) => new(null, [error]);

    // YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " before its reason; the error carries
    // the position on its own, so only the reason is kept.
    private static string SyntaxReason(YamlException e)
    {
        var reason = PositionPrefix().Replace(e.Message, "").Trim();
        var duplicate = DuplicateKey().Match(reason);
        return duplicate.Success
            ? $"YAML syntax error: the key '{duplicate.Groups["key"].Value}' appears twice in the same map"
            : "YAML syntax error: " + reason;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();

    [GeneratedRegex("^Duplicate key (?<key>.*)$")]
    private static partial Regex DuplicateKey();
}
