namespace Orchestrator.Spec.Tests;

public class DocumentRuleSpecs
{
    [Fact]
    public void The_baseline_document_of_these_tests_is_valid()
    {
        var deployment = SpecDocument.Valid().IsValid();
        Assert.Equal(4, deployment.Spec.Services.Count);
        Assert.Equal(3, deployment.Spec.Nodes.Count);
    }

    [Fact]
    public void ApiVersion_must_be_the_orchestrators_group_and_version()
    {
        var document = SpecDocument.Valid();
        document.Root["apiVersion"] = "openstack.orchestrator.io/v1";
        document.FailsWithOnly("apiVersion", "must be openstack.orchestrator.io/v1alpha1");
    }

    [Fact]
    public void Kind_must_be_OpenStackDeployment()
    {
        var document = SpecDocument.Valid();
        document.Root["kind"] = "Deployment";
        document.FailsWithOnly("kind", "must be OpenStackDeployment, not 'Deployment'");
    }

    [Theory]
    [InlineData("Cloud")]
    [InlineData("cloud_1")]
    [InlineData("-cloud")]
    [InlineData("cloud.")]
    public void Metadata_name_must_be_a_DNS_1123_subdomain(string name)
    {
        var document = SpecDocument.Valid();
        document.Metadata["name"] = name;
        document.FailsWithOnly("metadata.name", "is not a DNS-1123 subdomain");
    }

    [Fact]
    public void Metadata_name_may_hold_dots_like_any_subdomain()
    {
        var document = SpecDocument.Valid();
        document.Metadata["name"] = "cloud.eu-west-1";
        document.IsValid();
    }

    [Theory]
    [InlineData("open.stack")]
    [InlineData("OpenStack")]
    public void Metadata_namespace_must_be_a_DNS_1123_label(string name)
    {
        var document = SpecDocument.Valid();
        document.Metadata["namespace"] = name;
        document.FailsWithOnly("metadata.namespace", "is not a DNS-1123 label");
    }

    [Fact]
    public void Metadata_namespace_is_openstack_when_not_given()
    {
        var document = SpecDocument.Valid();
        document.Metadata.Remove("namespace");
        Assert.Equal("openstack", document.IsValid().Metadata.Namespace);
    }

    [Theory]
    [InlineData("localhost", "at least two")]
    [InlineData("k8s.example.com.", "ends with a dot")]
    [InlineData("k8s..example.com", "empty label")]
    [InlineData("K8s.Example.com", "is not valid")]
    [InlineData("k8s_cloud.example.com", "is not valid")]
    [InlineData("-k8s.example.com", "is not valid")]
    public void Domain_must_be_a_DNS_domain_of_at_least_two_labels(string domain, string reason)
    {
        var document = SpecDocument.Valid();
        document.Spec["domain"] = domain;
        document.FailsWithOnly("spec.domain", reason);
    }

    [Fact]
    public void Domain_labels_are_at_most_63_characters()
    {
        var document = SpecDocument.Valid();
        document.Spec["domain"] = new string('a', 64) + ".example.com";
        document.FailsWithOnly("spec.domain", "at most 63");
    }

    [Fact]
    public void Domain_is_at_most_253_characters()
    {
        var document = SpecDocument.Valid();
        document.Spec["domain"] = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        document.FailsWithOnly("spec.domain", "at most 253");
    }

    [Fact]
    public void Tls_secret_name_must_be_a_DNS_1123_subdomain()
    {
        var document = SpecDocument.Valid();
        ((Dictionary<string, object?>)document.Spec["tls"]!)["secretName"] = "TLS_Ingress";
        document.FailsWithOnly("spec.tls.secretName", "is not a DNS-1123 subdomain");
    }

    [Fact]
    public void Agent_image_must_not_be_empty()
    {
        var document = SpecDocument.Valid();
        document.Spec["agentImage"] = "";
        document.FailsWithOnly("spec.agentImage", "must not be empty");
    }

    [Fact]
    public void Agent_image_is_the_orchestrators_own_when_not_given()
    {
        var document = SpecDocument.Valid();
        document.Spec.Remove("agentImage");
        Assert.Equal(Orchestrator.Messages.Spec.DeploymentSpec.DefaultAgentImage, document.IsValid().Spec.AgentImage);
    }
}
