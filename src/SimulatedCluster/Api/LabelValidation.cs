using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The real API server's checks of metadata.labels keys ([prefix/]name) and values, with its wording.</summary>
public static partial class LabelValidation
{
    private const string NameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string PrefixMessage = "prefix part " + ObjectValidation.SubdomainMessage;

    private const string ValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();

    public static void Check(ResourceType type, string name, JsonObject meta)
    {
        if (meta["labels"] is not JsonObject labels)
            return;
        foreach (var (key, node) in labels)
        {
            if (KeyProblem(key) is { } keyProblem)
                throw ApiException.Invalid(type, name, "metadata.labels", $"Invalid value: \"{key}\": {keyProblem}");
            var value = (string?)node ?? "";
            if (value.Length > 63)
                throw ApiException.Invalid(type, name, "metadata.labels", $"Invalid value: \"{value}\": must be no more than 63 characters");
            if (value.Length > 0 && !QualifiedName().IsMatch(value))
                throw ApiException.Invalid(type, name, "metadata.labels", $"Invalid value: \"{value}\": {ValueMessage}");
        }
    }

    private static string? KeyProblem(string key)
    {
        var slash = key.IndexOf('/');
        var (prefix, namePart) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && (prefix.Length == 0 || !ObjectValidation.Subdomain().IsMatch(prefix)))
            return PrefixMessage;
        if (prefix is not null && prefix.Length > 253)
            return "prefix part must be no more than 253 characters";
        if (namePart.Length == 0)
            return "name part must be non-empty";
        if (namePart.Length > 63)
            return "name part must be no more than 63 characters";
        return QualifiedName().IsMatch(namePart) ? null : NameMessage;
    }
}
