namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>Manifests a real cluster refuses, refused by kubectl with the same words and exit code.</summary>
[Trait("Category", "EndToEnd")]
public sealed class InvalidManifestSpecs : ClusterSpecs
{
    [Theory]
    [InlineData("v1", "Frobnicator")]
    [InlineData("apps/v2", "Deployment")]
    [InlineData("v1", "Deployment")]
    public async Task A_kind_the_server_does_not_serve_has_no_resource_mapping(string apiVersion, string kind)
    {
        var manifest = WriteFile("unknown.yaml", $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: x\n");

        var applied = await Kubectl.Run("apply", "-f", manifest);

        Assert.Equal(1, applied.ExitCode);
        Assert.Equal($"error: resource mapping not found for name: \"x\" namespace: \"\" from \"{manifest}\": "
            + $"no matches for kind \"{kind}\" in version \"{apiVersion}\"\nensure CRDs are installed first\n", applied.Error);
    }

    [Fact]
    public async Task A_bad_name_is_invalid_with_the_rfc_1123_message()
    {
        var manifest = WriteFile("bad.yaml", Manifests.Deployment("Bad_Name", 1, "x"));

        var applied = await Kubectl.Run("apply", "-f", manifest);

        Assert.Equal(1, applied.ExitCode);
        Assert.StartsWith("The Deployment \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", applied.Error);
    }

    [Fact]
    public async Task Explain_says_the_kind_has_no_schema_since_none_is_served()
    {
        var explained = await Kubectl.Run("explain", "deployment");

        Assert.Equal(1, explained.ExitCode);
        Assert.Equal("error: GVK map[group:apps kind:Deployment version:v1] not found in OpenAPI schema\n", explained.Error);
    }

    [Fact]
    public async Task A_service_without_ports_is_invalid_unless_headless()
    {
        var plain = WriteFile("plain.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: noports}\nspec: {selector: {a: b}}\n");
        var headless = WriteFile("headless.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: peers}\nspec: {clusterIP: None, selector: {a: b}}\n");

        var refused = await Kubectl.Run("apply", "-f", plain);
        var accepted = await Kubectl.Run("apply", "-f", headless);

        Assert.Equal((1, "The Service \"noports\" is invalid: spec.ports: Required value\n"), (refused.ExitCode, refused.Error));
        Assert.Equal((0, "service/peers created\n"), (accepted.ExitCode, accepted.Out));
    }

    [Fact]
    public async Task A_label_key_with_a_space_is_invalid()
    {
        var manifest = WriteFile("label.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm1, labels: {\"bad label\": x}}\n");

        var applied = await Kubectl.Run("apply", "-f", manifest);

        Assert.Equal(1, applied.ExitCode);
        Assert.StartsWith("The ConfigMap \"cm1\" is invalid: metadata.labels: Invalid value: \"bad label\": name part must consist of alphanumeric characters", applied.Error);
    }
}
