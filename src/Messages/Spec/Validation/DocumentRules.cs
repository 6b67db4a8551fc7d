namespace Orchestrator.Messages.Spec.Validation;

/// <summary>The fields around the services and nodes: apiVersion, kind, metadata, domain, tls, agentImage.</summary>
internal static class DocumentRules
{
    public static void Check(OpenStackDeployment deployment, List<SpecError> errors)
    {
        if (deployment.ApiVersion != OpenStackDeployment.ExpectedApiVersion)
            errors.Add(new("apiVersion", $"must be {OpenStackDeployment.ExpectedApiVersion}, not '{deployment.ApiVersion}'"));
        if (deployment.Kind != OpenStackDeployment.ExpectedKind)
            errors.Add(new("kind", $"must be {OpenStackDeployment.ExpectedKind}, not '{deployment.Kind}'"));

        var metadata = deployment.Metadata;
        if (!DnsNames.IsSubdomain(metadata.Name))
            errors.Add(new("metadata.name", $"'{metadata.Name}' is not {DnsNames.SubdomainRule}"));
        if (!DnsNames.IsLabel(metadata.Namespace))
            errors.Add(new("metadata.namespace", $"'{metadata.Namespace}' is not {DnsNames.LabelRule}"));

        var spec = deployment.Spec;
        if (DnsNames.DomainProblem(spec.Domain) is { } domainProblem)
            errors.Add(new("spec.domain", domainProblem));
        if (!DnsNames.IsSubdomain(spec.Tls.SecretName))
            errors.Add(new("spec.tls.secretName", $"'{spec.Tls.SecretName}' is not {DnsNames.SubdomainRule}"));
        if (ImageReferences.Problem(spec.AgentImage) is { } imageProblem)
            errors.Add(new("spec.agentImage", imageProblem));
    }
}
