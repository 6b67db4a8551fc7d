using System.Text.RegularExpressions;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Spec.Validation;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// The agent's own check of each entry of its HostUnits object. The spec was validated upstream, but the
/// object is an API object anyone with rights can write, and the agent runs as root on the host.
/// </summary>
public static partial class HostUnitValidation
{
    /// <summary>The reasons the entry is refused, each as "field: reason"; empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(HostUnitSpec unit)
    {
        var errors = new List<string>();
        if (!ServiceName.TryParse(unit.Name, out _, out var nameReason))
            errors.Add($"name: {nameReason}");
        if (string.IsNullOrEmpty(unit.Source))
            errors.Add("source: must not be empty");
        else if (SourcePaths.Problem(unit.Source) is { } sourceProblem)
            errors.Add($"source: {sourceProblem}");
        if (string.IsNullOrWhiteSpace(unit.Unit))
            errors.Add("unit: must not be empty");
        else if (SystemdUnits.TextProblem(unit.Unit) is { } unitProblem)
            errors.Add($"unit: {unitProblem}");
        if (string.IsNullOrEmpty(unit.Hash))
            errors.Add("hash: must not be empty");
        if (!string.IsNullOrEmpty(unit.ConfigMap) && !Dns1123Subdomain().IsMatch(unit.ConfigMap))
            errors.Add("configMap: must be a DNS-1123 subdomain");
        if (!string.IsNullOrEmpty(unit.Secret) && !Dns1123Subdomain().IsMatch(unit.Secret))
            errors.Add("secret: must be a DNS-1123 subdomain");
        if ((!string.IsNullOrEmpty(unit.ConfigMap) || !string.IsNullOrEmpty(unit.Secret)) && !Dns1123Label().IsMatch(unit.Namespace ?? ""))
            errors.Add("namespace: must be a DNS-1123 label");
        foreach (var port in unit.Ports ?? [])
        {
            if (!PortRule.TryParse(port, out _, out var portReason))
                errors.Add($"ports \"{port}\": {portReason}");
        }
        return errors;
    }

    public static IReadOnlyList<PortRule> Ports(HostUnitSpec unit) =>
        (unit.Ports ?? []).Select(port => PortRule.TryParse(port, out var rule, out _) ? rule : throw new ArgumentException("ports: not validated")).ToList();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();
}
