using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

public class ServiceRuleSpecs
{
    [Theory]
    [InlineData("Keystone")]
    [InlineData("1keystone")]
    [InlineData("keystone.api")]
    [InlineData("keystone-")]
    public void Service_names_must_be_DNS_1035_labels(string name)
    {
        var document = SpecDocument.Valid();
        document.Service(1)["name"] = name;
        document.Service(2)["dependsOn"] = SpecDocument.List("mariadb");
        document.FailsWithOnly("spec.services[1].name", "is not a DNS-1035 label");
    }

    [Fact]
    public void Service_names_leave_room_for_the_names_derived_from_them()
    {
        var document = SpecDocument.Valid();
        document.Service(3)["name"] = new string('n', 53);
        var error = document.FailsWithOnly("spec.services[3].name", "at most 52");
        Assert.Contains("controller-revision-hash", error.Reason);
    }

    [Fact]
    public void A_service_name_of_52_characters_fits()
    {
        var document = SpecDocument.Valid();
        document.Service(3)["name"] = new string('n', 52);
        document.IsValid();
    }

    [Fact]
    public void An_api_service_name_with_the_domain_makes_a_host_name_of_at_most_253_characters()
    {
        var document = SpecDocument.Valid();
        document.Spec["domain"] = string.Join('.', Enumerable.Repeat(new string('d', 59), 4));
        document.IsValid();
        document.Service(2)["name"] = "keystone-public-endpoint";
        document.Service(2).Remove("dependsOn");
        document.FailsWithOnly("spec.services[2].name", "the Ingress host 'keystone-public-endpoint.ddd");
    }

    [Fact]
    public void Service_names_are_unique()
    {
        var document = SpecDocument.Valid();
        document.Service(3)["name"] = "memcached";
        document.FailsWithOnly("spec.services[3].name", "duplicate service name 'memcached' (first at spec.services[1])");
    }

    [Fact]
    public void An_api_service_needs_an_image()
    {
        var document = SpecDocument.Valid();
        document.Service(2).Remove("image");
        document.FailsWithOnly("spec.services[2].image", "required for an api service");
    }

    [Fact]
    public void An_api_service_needs_a_port()
    {
        var document = SpecDocument.Valid();
        document.Service(2).Remove("port");
        document.FailsWithOnly("spec.services[2].port", "required for an api service");
    }

    [Fact]
    public void A_pinned_service_needs_an_image_but_no_port()
    {
        var document = SpecDocument.Valid();
        document.Service(1).Remove("port");
        document.IsValid();
        document.Service(1).Remove("image");
        document.FailsWithOnly("spec.services[1].image", "required for a pinned service");
    }

    [Theory]
    [InlineData("role")]
    [InlineData("source")]
    [InlineData("unit")]
    public void A_host_service_needs_a_role_a_source_and_a_unit(string field)
    {
        var document = SpecDocument.Valid();
        document.Service(0).Remove(field);
        document.FailsWithOnly($"spec.services[0].{field}", "required for a host service");
    }

    [Fact]
    public void A_host_service_does_not_run_on_controller_nodes()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["role"] = "controller";
        document.FailsWithOnly("spec.services[0].role", "'controller' is not a host role");
    }

    [Fact]
    public void A_host_role_must_be_a_known_role()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["role"] = "databse";
        document.FailsWithOnly("spec.services[0].role", "unknown role 'databse' (did you mean 'database'?)");
    }

    [Theory]
    [InlineData("artifacts/mariadb", "must be an absolute path")]
    [InlineData("/artifacts/../etc", "must not hold '..'")]
    [InlineData("/", "not /")]
    [InlineData("/./", "not /")]
    [InlineData("//", "not /")]
    [InlineData("/.//./.", "not /")]
    [InlineData("/artifacts/nova\0compute", "must not hold a NUL character")]
    public void A_host_source_is_an_absolute_path(string source, string reason)
    {
        var document = SpecDocument.Valid();
        document.Service(0)["source"] = source;
        document.FailsWithOnly("spec.services[0].source", reason);
    }

    [Theory]
    [InlineData("[Unit]\nDescription=MariaDB\n", "has no [Service] section")]
    [InlineData("[Service]\nType=simple\n", "has no ExecStart=")]
    [InlineData("[Service]\nExecStart=\n", "has no ExecStart=")]
    [InlineData("[Service]\nType=simple\n[Install]\nExecStart=/bin/true\n", "has no ExecStart=")]
    public void A_host_unit_has_a_Service_section_with_an_ExecStart(string unit, string reason)
    {
        var document = SpecDocument.Valid();
        document.Service(0)["unit"] = unit;
        document.FailsWithOnly("spec.services[0].unit", reason);
    }

    [Fact]
    public void A_host_unit_holds_no_NUL()
    {
        // YAML's own escape: a double-quoted "\0" is a NUL in the loaded text.
        var result = SpecLoader.Parse("""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: cloud}
            spec:
              domain: k8s.example.com
              nodes:
                - {name: cmp-1, roles: [compute]}
              services:
                - name: nova-compute
                  kind: host
                  role: compute
                  source: /artifacts/nova-compute
                  unit: "[Service]\nExecStart=/opt/nova-compute/bin/run\0--evil\n"
            """);

        result.FailsWithOnly("spec.services[0].unit", "must not hold a NUL character");
    }

    [Fact]
    public void A_host_unit_is_at_most_64_KiB()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["unit"] = "[Service]\nExecStart=/bin/true\n# " + new string('x', 1024 * 1024) + "\n";
        document.FailsWithOnly("spec.services[0].unit", "a unit may be at most 65536 bytes");
    }

    [Fact]
    public void A_source_that_names_a_folder_is_accepted_after_resolving_dots_and_slashes()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["source"] = "/artifacts/./mariadb//";
        document.IsValid();
    }

    [Theory]
    [InlineData(2, "source", "/artifacts/keystone", "not a field of an api service (source belongs to host services)")]
    [InlineData(2, "role", "compute", "not a field of an api service")]
    [InlineData(1, "unit", "[Service]\nExecStart=/bin/true", "not a field of a pinned service")]
    [InlineData(1, "ports", null, "not a field of a pinned service (ports belongs to host services)")]
    [InlineData(0, "port", 3306, "not a field of a host service (port belongs to api and pinned services)")]
    [InlineData(0, "image", "registry.example.com/mariadb:11", "not a field of a host service")]
    [InlineData(0, "replicas", 3, "not a field of a host service")]
    [InlineData(2, "orderedStart", true, "not a field of an api service (orderedStart belongs to pinned services)")]
    [InlineData(0, "orderedStart", true, "not a field of a host service (orderedStart belongs to pinned services)")]
    public void A_field_of_another_kind_is_an_error(int service, string field, object? value, string reason)
    {
        var document = SpecDocument.Valid();
        document.Service(service)[field] = value ?? SpecDocument.List("80/tcp");
        document.FailsWithOnly($"spec.services[{service}].{field}", reason);
    }

    [Fact]
    public void A_field_of_another_kind_is_an_error_even_with_its_default_value()
    {
        var document = SpecDocument.Valid();
        document.Service(0)["replicas"] = 1;
        document.FailsWithOnly("spec.services[0].replicas", "not a field of a host service");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-80)]
    public void A_port_is_between_1_and_65535(int port)
    {
        var document = SpecDocument.Valid();
        document.Service(2)["port"] = port;
        document.FailsWithOnly("spec.services[2].port", $"{port} is not a port (1..65535)");
    }

    [Theory]
    [InlineData("5900", "must be N/proto or N-M/proto")]
    [InlineData("5900/sctp", "must be N/proto or N-M/proto")]
    [InlineData("5900 - 5999/tcp", "must be N/proto or N-M/proto")]
    [InlineData("0/tcp", "port 0 in '0/tcp' is outside 1..65535")]
    [InlineData("5900-65536/udp", "port 65536 in '5900-65536/udp' is outside 1..65535")]
    [InlineData("5999-5900/tcp", "starts above its end")]
    public void Ports_entries_are_ports_or_ranges_with_a_protocol(string entry, string reason)
    {
        var document = SpecDocument.Valid();
        document.Service(3)["ports"] = SpecDocument.List("16509/tcp", entry);
        document.FailsWithOnly("spec.services[3].ports[1]", reason);
    }

    [Fact]
    public void A_single_port_range_and_udp_are_accepted()
    {
        var document = SpecDocument.Valid();
        document.Service(3)["ports"] = SpecDocument.List("4789/udp", "5900-5900/tcp", "1-65535/udp");
        document.IsValid();
    }

    [Fact]
    public void Turning_conntrack_off_needs_at_least_one_port()
    {
        var document = SpecDocument.Valid();
        document.Service(3).Remove("ports");
        document.FailsWithOnly("spec.services[3].conntrack", "ports must list at least one");
    }

    [Fact]
    public void Replicas_are_at_least_one()
    {
        var document = SpecDocument.Valid();
        document.Service(2)["replicas"] = 0;
        document.FailsWithOnly("spec.services[2].replicas", "must be at least 1, not 0");
    }

    [Fact]
    public void An_image_reference_holds_no_whitespace()
    {
        var document = SpecDocument.Valid();
        document.Service(1)["image"] = "registry.example.com/memcached 1.6";
        document.FailsWithOnly("spec.services[1].image", "holds whitespace");
    }

    [Fact]
    public void An_image_reference_holds_no_control_character_and_the_reason_does_not_print_it()
    {
        var document = SpecDocument.Valid();
        document.Service(1)["image"] = "registry.example.com/mem\u0007cached:1.6";
        var error = document.FailsWithOnly("spec.services[1].image", "holds a control character");
        Assert.DoesNotContain('\u0007', error.Reason);
    }
}
