using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

/// <summary>What YAML allows that a spec must not let through or crash on: deep nesting, dangling aliases, tags.</summary>
public class YamlTrapSpecs
{
    private const string Minimal = MinimalSpecText.Text;

    private static SpecLoadResult Read(string from, string to) => MinimalSpecText.Read(from, to);

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Nesting_deeper_than_a_spec_needs_is_an_error_not_a_crash(string open, string close)
    {
        // Deep enough that loading it without a bound overflows the stack and kills the process.
        var text = "apiVersion: " + string.Concat(Enumerable.Repeat(open, 100_000)) + "x" +
                   string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";
        var error = SpecLoader.Parse(text).FailsWithOnly(SpecPath.Document, "nest deeper than 100 levels");
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void An_alias_with_no_anchor_is_an_error_where_the_alias_stands()
    {
        var error = Read("image: registry.example.com/keystone:2025.1", "image: *keystone-image")
            .FailsWithOnly(SpecPath.Document, "the alias *keystone-image names no anchor");
        Assert.Equal((11, 14), (error.Line, error.Column));
    }

    [Fact]
    public void An_alias_may_name_an_anchor_defined_before_it()
    {
        var text = Minimal.Replace("image: registry.example.com/keystone:2025.1", "image: &image registry.example.com/keystone:2025.1") +
                   "\n    - {name: glance-api, kind: api, image: *image, port: 9292}";
        var deployment = Assert.IsType<OpenStackDeployment>(SpecLoader.Parse(text).Deployment);
        Assert.Equal("registry.example.com/keystone:2025.1", deployment.Spec.Services[1].Image);
    }

    [Theory]
    [InlineData("port: 5000", "port: !!str 5000", "spec.services[0].port", "expected an integer, got a value tagged !!str")]
    [InlineData("port: 5000", "port: !!float 5000", "spec.services[0].port", "expected an integer, got a value tagged !!float")]
    [InlineData("image: registry", "image: !vault registry", "spec.services[0].image", "expected a string, got a value tagged !vault")]
    [InlineData("roles: [controller]", "roles: [!role controller]", "spec.nodes[0].roles[0]", "expected a string, got a value tagged !role")]
    [InlineData("roles: [controller]", "roles: !!set {controller}", "spec.nodes[0].roles", "expected a list, got a value tagged !!set")]
    public void A_tag_that_changes_what_a_value_means_is_an_error(string from, string to, string path, string reason) =>
        Read(from, to).FailsWithOnly(path, reason);

    [Theory]
    [InlineData("port: 5000", "port: !!int 5000")]
    [InlineData("image: registry", "image: !!str registry")]
    [InlineData("image: registry", "image: ! registry")]
    public void A_tag_that_names_the_type_the_field_has_anyway_is_fine(string from, string to) =>
        Assert.Empty(Read(from, to).Errors);

    [Fact]
    public void A_tagged_secret_is_an_error_that_does_not_quote_it()
    {
        var error = Read("port: 5000", "port: 5000\n      secrets: {db-password: !!binary aHVudGVyMg==}")
            .FailsWithOnly("spec.services[0].secrets[\"db-password\"]", "got a value tagged !!binary");
        Assert.DoesNotContain("aHVudGVyMg", error.ToString());
    }

    [Theory]
    [InlineData("---\n{0}")]
    [InlineData("{0}\n---\n")]
    [InlineData("---\n---\n{0}\n---\n...\n")]
    public void Empty_documents_around_the_spec_are_skipped_as_kubectl_skips_them(string layout) =>
        Assert.Empty(SpecLoader.Parse(string.Format(layout, Minimal)).Errors);

    [Fact]
    public void Several_documents_are_counted_without_the_empty_ones()
    {
        var error = SpecLoader.Parse(Minimal + "\n---\n---\n" + Minimal)
            .FailsWithOnly(SpecPath.Document, "holds 2 YAML documents; expected exactly one");
        Assert.Equal(15, error.Line);
    }

    [Fact]
    public void A_duplicate_key_hides_no_other_error()
    {
        var result = Read("port: 5000", "port: 5000\n      port: 5001\n      replicas: 0");
        Assert.Equal(
            ["spec.services[0].port: appears twice in the same map (first at line 12)",
             "spec.services[0].replicas: must be at least 1, not 0"],
            result.Errors.Select(error => $"{error.Path}: {error.Reason}"));
    }

    [Fact]
    public void A_duplicate_whose_value_is_a_whole_map_is_skipped_and_the_fields_after_it_are_read()
    {
        var text = Minimal.Replace("  domain: k8s.example.com",
            "  tls: {secretName: a}\n  tls:\n    secretName: b\n    generate: [1, {x: [2]}]\n  domain: k8s.example.com");
        var result = SpecLoader.Parse(text);
        var error = result.FailsWithOnly("spec.tls", "appears twice in the same map (first at line 5)");
        Assert.Equal((6, 3), (error.Line, error.Column));
    }

    [Fact]
    public void A_duplicate_secret_file_is_named_by_its_file_and_its_content_is_never_quoted()
    {
        var error = Read("port: 5000", "port: 5000\n      secrets: {db-password: hunter2, db-password: hunter3}")
            .FailsWithOnly("spec.services[0].secrets[\"db-password\"]", "appears twice in the same map");
        Assert.DoesNotContain("hunter", error.ToString());
    }

    [Fact]
    public void A_duplicate_key_in_a_map_the_spec_does_not_read_is_still_an_error()
    {
        var error = Read("metadata: {name: cloud}", "metadata: {name: cloud, labels: {team: a, team: b}}")
            .FailsWithOnly(SpecPath.Document, "the key 'team' appears twice in the same map (first at line 3)");
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Control_characters_of_the_text_are_printed_escaped()
    {
        var result = Read("- name: keystone", "- name: \"key\\e[2Jstone\"");
        var error = result.Errors[0];
        Assert.Equal("spec.services[0].name", error.Path);
        Assert.Contains("'key\\u001B[2Jstone'", error.ToString());
        Assert.All(result.Errors, each => Assert.DoesNotContain('\u001b', each.ToString()));
    }
}
