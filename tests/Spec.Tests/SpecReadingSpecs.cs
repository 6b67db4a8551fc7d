using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

/// <summary>The strict reading of the text: unknown fields, wrong types, YAML syntax, and where each error is.</summary>
public class SpecReadingSpecs
{
    private const string Minimal = MinimalSpecText.Text;

    private static SpecLoadResult Read(string from, string to) => MinimalSpecText.Read(from, to);

    [Fact]
    public void The_minimal_text_of_these_tests_is_valid()
    {
        var result = SpecLoader.Parse(Minimal);
        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void An_unknown_field_is_an_error_at_its_line_and_column_with_the_field_it_resembles()
    {
        var result = Read("port: 5000", "prot: 5000");
        Assert.Null(result.Deployment);
        Assert.Equal(
            ["spec.services[0].port: required for an api service",
             "spec.services[0].prot: unknown field (did you mean 'port'?)"],
            result.Errors.Select(error => $"{error.Path}: {error.Reason}"));
        var unknown = result.Errors[1];
        Assert.Equal((12, 7), (unknown.Line, unknown.Column));
    }

    [Theory]
    [InlineData("metadata: {name: cloud}", "metadata: {name: cloud, lables: {a: b}}", "metadata.lables", "unknown field (did you mean 'labels'?)")]
    [InlineData("spec:\n", "specs: {}\nspec:\n", "specs", "unknown field (did you mean 'spec'?)")]
    [InlineData("kind: api", "kind: api\n      dependson: [x]", "spec.services[0].dependson", "did you mean 'dependsOn'?")]
    [InlineData("roles: [controller]", "roles: [controller], labels: {}", "spec.nodes[0].labels", "unknown field")]
    public void Unknown_fields_are_errors_at_every_level(string from, string to, string path, string reason) =>
        Read(from, to).FailsWithOnly(path, reason);

    [Fact]
    public void A_typo_is_matched_against_the_fields_of_the_services_kind()
    {
        var text = Minimal.Replace("roles: [controller]", "roles: [controller, net-node]") +
                   "\n    - {name: ovs, kind: host, role: net-node, source: /a, unit: \"[Service]\\nExecStart=/a\", prot: [4789/udp]}";
        SpecLoader.Parse(text).FailsWithOnly("spec.services[1].prot", "unknown field (did you mean 'ports'?)");
    }

    [Fact]
    public void Merge_keys_share_fields_between_services_and_a_service_overrides_what_it_merges()
    {
        var text = Minimal.Replace("    - name: keystone", "    - &api-defaults\n      name: keystone") +
                   "\n    - <<: *api-defaults\n      name: glance-api\n      port: 9292";
        var deployment = Assert.IsType<OpenStackDeployment>(SpecLoader.Parse(text).Deployment);
        var glance = deployment.Spec.Services[1];
        Assert.Equal(("glance-api", ServiceKind.Api, 9292), (glance.Name, glance.Kind, glance.Port));
        Assert.Equal("registry.example.com/keystone:2025.1", glance.Image);
    }

    [Fact]
    public void A_merged_map_is_read_as_strictly_as_the_map_itself()
    {
        var text = Minimal.Replace("  services:\n", "  services:\n    - &shared {name: memcached, kind: pinned, image: memcached:1.6, replicsa: 2}\n") +
                   "\n    - {<<: *shared, name: rabbitmq}";
        var result = SpecLoader.Parse(text);
        Assert.Equal(
            ["spec.services[0].replicsa: unknown field (did you mean 'replicas'?)",
             "spec.services[2].replicsa: unknown field (did you mean 'replicas'?)"],
            result.Errors.Select(error => $"{error.Path}: {error.Reason}"));
    }

    [Fact]
    public void The_custom_resource_as_the_cluster_returns_it_is_read_with_its_kubernetes_metadata_and_status()
    {
        var text = Minimal.Replace("metadata: {name: cloud}", """
            metadata:
              name: cloud
              namespace: openstack
              labels: {team: cloud}
              annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
              uid: 0b8c7a52-5d0c-4c47-9a3c-6d1d3f1f2a10
              resourceVersion: "4711"
              generation: 3
              creationTimestamp: "2026-11-25T10:00:00Z"
            """) + "\nstatus: {observedGeneration: 3, conditions: []}";
        var result = SpecLoader.Parse(text);
        Assert.Empty(result.Errors);
        Assert.Equal("cloud", result.Deployment!.Metadata.Name);
    }

    [Fact]
    public void A_YAML_syntax_error_names_its_line_and_column()
    {
        var error = Read("kind: api", "kind: \"api").FailsWithOnly(SpecPath.Document, "YAML syntax error");
        Assert.Equal((10, 13), (error.Line, error.Column));
    }

    [Fact]
    public void An_unclosed_flow_list_at_the_end_is_a_syntax_error_not_a_crash()
    {
        var error = Read("port: 5000", "port: [5000\n      replicas: 2").FailsWithOnly(SpecPath.Document, "a [ or { opened here is not closed");
        Assert.Equal((12, 13), (error.Line, error.Column));
    }

    [Fact]
    public void A_duplicate_key_is_an_error_at_the_path_and_position_of_the_second()
    {
        var error = Read("port: 5000", "port: 5000\n      port: 5001").FailsWithOnly("spec.services[0].port", "appears twice in the same map (first at line 12)");
        Assert.Equal((13, 7), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("port: 5000", "port: abc", "spec.services[0].port", "expected an integer, got 'abc'")]
    [InlineData("port: 5000", "port: \"5000\"", "spec.services[0].port", "expected an integer, got the quoted string \"5000\"")]
    [InlineData("port: 5000", "port: 5000.5", "spec.services[0].port", "expected an integer")]
    [InlineData("port: 5000", "port: 99999999999", "spec.services[0].port", "too large")]
    [InlineData("port: 5000", "port: 5000\n      replicas: [1]", "spec.services[0].replicas", "expected an integer, got a list")]
    [InlineData("port: 5000", "port: 5000\n      dependsOn: keystone", "spec.services[0].dependsOn", "expected a list, got a single value")]
    [InlineData("port: 5000", "port: 5000\n      dependsOn: [[a]]", "spec.services[0].dependsOn[0]", "expected a string, got a list")]
    [InlineData("port: 5000", "port: 5000\n      config: [a.conf]", "spec.services[0].config", "expected a map, got a list")]
    [InlineData("port: 5000", "port: 5000\n      config: {a.conf: {x: 1}}", "spec.services[0].config[\"a.conf\"]", "expected the file's content as a string, got a map")]
    [InlineData("metadata: {name: cloud}", "metadata: [cloud]", "metadata", "expected a map, got a list")]
    [InlineData("metadata: {name: cloud}", "metadata: {name: [cloud]}", "metadata.name", "expected a string, got a list")]
    [InlineData("domain: k8s.example.com", "domain: k8s.example.com\n  tls: {generate: yes}", "spec.tls.generate", "expected true or false, got 'yes'")]
    [InlineData("roles: [controller]", "roles: controller", "spec.nodes[0].roles", "expected a list, got a single value")]
    public void A_value_of_the_wrong_type_is_an_error_at_its_path(string from, string to, string path, string reason) =>
        Read(from, to).FailsWithOnly(path, reason);

    [Fact]
    public void A_map_where_the_nodes_list_belongs_is_one_error()
    {
        var result = Read("    - {name: ctl-1, roles: [controller]}", "    ctl-1: [controller]");
        var error = result.FailsWithOnly("spec.nodes", "expected a list, got a map");
        Assert.Equal((7, 5), (error.Line, error.Column));
    }

    [Fact]
    public void An_item_that_is_not_a_map_keeps_the_indices_of_the_items_after_it()
    {
        var text = Minimal.Replace("  services:\n", "  services:\n    - keystone\n").Replace("port: 5000", "port: 0");
        Assert.Equal(
            ["spec.services[0]: expected a map (name, kind, ...), got a single value",
             "spec.services[1].port: 0 is not a port (1..65535)"],
            SpecLoader.Parse(text).Errors.Select(error => $"{error.Path}: {error.Reason}"));
    }

    [Theory]
    [InlineData("  domain: k8s.example.com\n", "", "spec.domain", "required field is missing")]
    [InlineData("metadata: {name: cloud}", "metadata: {namespace: openstack}", "metadata.name", "required field is missing")]
    [InlineData("metadata: {name: cloud}", "metadata: {name: }", "metadata.name", "required, but has no value")]
    [InlineData("apiVersion: openstack.orchestrator.io/v1alpha1\n", "", "apiVersion", "required field is missing")]
    [InlineData("      kind: api\n", "", "spec.services[0].kind", "required field is missing")]
    [InlineData("    - {name: ctl-1, roles: [controller]}", "    - {name: ctl-1}", "spec.nodes[0].roles", "required field is missing")]
    public void A_missing_required_field_is_an_error_and_nothing_more(string from, string to, string path, string reason) =>
        Read(from, to).FailsWithOnly(path, reason);

    [Fact]
    public void An_empty_optional_value_counts_as_absent()
    {
        Read("image: registry.example.com/keystone:2025.1", "image: ~")
            .FailsWithOnly("spec.services[0].image", "required for an api service");
    }

    [Theory]
    [InlineData("foo", "unknown kind 'foo'; expected api, pinned or host")]
    [InlineData("API", "unknown kind 'API' (did you mean 'api'?)")]
    [InlineData("pined", "did you mean 'pinned'?")]
    public void An_unknown_service_kind_is_an_error_never_read_as_api(string kind, string reason)
    {
        var error = Read("kind: api", $"kind: {kind}").FailsWithOnly("spec.services[0].kind", reason);
        Assert.Equal((10, 13), (error.Line, error.Column));
    }

    [Fact]
    public void A_service_of_unknown_kind_is_still_checked_for_what_every_kind_shares()
    {
        var text = Minimal.Replace("kind: api", "kind: apl\n      dependsOn: [mariadb]\n      config: {\"a/b\": x}");
        Assert.Equal(
            ["spec.services[0].kind: unknown kind 'apl' (did you mean 'api'?); expected api, pinned or host",
             "spec.services[0].dependsOn[0]: no service named 'mariadb'",
             "spec.services[0].config[\"a/b\"]: 'a/b' holds a '/'; a file name is plain, without folders"],
            SpecLoader.Parse(text).Errors.Select(error => $"{error.Path}: {error.Reason}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void An_empty_document_is_an_error(string text) =>
        SpecLoader.Parse(text).FailsWithOnly(SpecPath.Document, "the document is empty");

    [Fact]
    public void Several_documents_are_an_error_at_the_second()
    {
        var error = SpecLoader.Parse(Minimal + "\n---\n" + Minimal)
            .FailsWithOnly(SpecPath.Document, "holds 2 YAML documents; expected exactly one");
        Assert.Equal(14, error.Line);
    }

    [Theory]
    [InlineData("- a\n- b\n", "got a list")]
    [InlineData("just text\n", "got a single value")]
    public void A_root_that_is_not_a_map_is_an_error(string text, string reason) =>
        SpecLoader.Parse(text).FailsWithOnly(SpecPath.Document, "expected a map (apiVersion, kind, metadata, spec) at the top, " + reason);

    [Fact]
    public void Validation_errors_carry_the_line_and_column_of_their_field()
    {
        var error = Read("port: 5000", "port: 70000").FailsWithOnly("spec.services[0].port", "70000 is not a port");
        Assert.Equal((12, 13), (error.Line, error.Column));
    }

    [Fact]
    public void Every_error_is_reported_at_once_in_document_order()
    {
        var text = Minimal
            .Replace("apiVersion: openstack.orchestrator.io/v1alpha1", "apiVersion: v1")
            .Replace("{name: cloud}", "{name: Cloud}")
            .Replace("roles: [controller]", "roles: [controler]")
            .Replace("kind: api", "kind: api\n      replicas: 0\n      dependsOn: [keystone]")
            .Replace("port: 5000", "prot: 5000");
        var result = SpecLoader.Parse(text);
        Assert.Null(result.Deployment);
        Assert.Equal(
            ["apiVersion", "metadata.name", "spec.nodes", "spec.nodes[0].roles[0]", "spec.services[0].port",
             "spec.services[0].replicas", "spec.services[0].dependsOn[0]", "spec.services[0].prot"],
            result.Errors.Select(error => error.Path));
        Assert.Equal(result.Errors.OrderBy(error => error.Line).ThenBy(error => error.Column), result.Errors);
    }

    [Fact]
    public void Unreadable_roles_of_a_node_raise_no_complaint_about_roles_nobody_holds()
    {
        var text = Minimal.Replace("roles: [controller]", "roles: [[controller]]") +
                   "\n    - {name: db, kind: host, role: database, source: /a, unit: \"[Service]\\nExecStart=/a\"}";
        SpecLoader.Parse(text).FailsWithOnly("spec.nodes[0].roles[0]", "expected a string, got a list");
    }

    [Fact]
    public void An_unreadable_service_name_raises_no_complaint_about_dependencies_on_it()
    {
        var text = Minimal.Replace("port: 5000", "port: 5000\n      dependsOn: [mariadb]") +
                   "\n    - {name: [mariadb], kind: pinned, image: mariadb:11}";
        SpecLoader.Parse(text).FailsWithOnly("spec.services[1].name", "expected a string, got a list");
    }

    [Fact]
    public void A_secret_where_a_map_belongs_is_not_quoted_in_the_error()
    {
        var error = Read("port: 5000", "port: 5000\n      secrets: hunter2")
            .FailsWithOnly("spec.services[0].secrets", "expected a map, got a single value");
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public void The_text_of_a_secret_never_appears_in_an_error()
    {
        var result = Read("port: 5000", "port: 5000\n      secrets: {db-password: {value: hunter2}, \"x/y\": hunter3}");
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.DoesNotContain("hunter", error.ToString()));
    }

    [Fact]
    public void A_valid_text_becomes_the_model_with_its_defaults()
    {
        var deployment = Assert.IsType<OpenStackDeployment>(SpecLoader.Parse(Minimal).Deployment);
        var keystone = Assert.Single(deployment.Spec.Services);
        Assert.Equal(ServiceKind.Api, keystone.Kind);
        Assert.Equal(5000, keystone.Port);
        Assert.Equal(1, keystone.Replicas);
        Assert.True(keystone.Conntrack);
        Assert.Empty(keystone.DependsOn);
        Assert.Equal("openstack", deployment.Metadata.Namespace);
        Assert.Equal(new TlsSpec("tls-ingress", false), deployment.Spec.Tls);
    }
}
