using System.Text.RegularExpressions;

namespace Orchestrator.Messages.Spec.Validation;

/// <summary>The name rules of Kubernetes (DNS-1123 subdomain and label, DNS-1035 label) and of DNS domains.</summary>
public static partial class DnsNames
{
    public const string SubdomainRule =
        "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";

    public const string LabelRule =
        "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

    public const string Dns1035LabelRule =
        "a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters";

    public static bool IsSubdomain(string name) => name.Length <= 253 && SubdomainPattern().IsMatch(name);

    public static bool IsLabel(string name) => name.Length <= 63 && LabelPattern().IsMatch(name);

    public static bool IsDns1035Label(string name) => name.Length <= 63 && Dns1035Pattern().IsMatch(name);

    /// <summary>Why <paramref name="domain"/> cannot be the parent of the Ingress host names, or null when it can.</summary>
    public static string? DomainProblem(string domain)
    {
        if (domain.Length == 0) return "must not be empty";
        if (domain.Length > 253) return $"is {domain.Length} characters; a domain has at most 253";
        if (domain.EndsWith('.')) return $"'{domain}' ends with a dot; write the domain without it";
        var labels = domain.Split('.');
        if (labels.Length < 2) return $"'{domain}' has one label; a domain needs at least two (like example.com)";
        foreach (var label in labels)
        {
            if (label.Length == 0) return $"'{domain}' has an empty label (two dots in a row or a leading dot)";
            if (label.Length > 63) return $"the label '{label}' is {label.Length} characters; a label has at most 63";
            if (!LabelPattern().IsMatch(label))
                return $"the label '{label}' is not valid: lowercase letters, digits and '-', starting and ending with a letter or digit";
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Pattern();
}
