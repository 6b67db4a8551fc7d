using System.Reflection;
using Orchestrator.Messages.Spec;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Rendering.Tests;

/// <summary>
/// The OpenStackDeployment CRD that deploy/ installs describes the spec model field by field: every property of
/// the spec records (DeploymentSpec, TlsSpec, NodeSpec, ServiceSpec) is in the CRD's OpenAPI schema with the
/// matching type, and the schema has no property the model lacks. Read from the YAML file users apply, so the
/// API server refuses exactly what the reader would not understand.
/// </summary>
public sealed class CrdSchemaSpecs
{
    private static YamlMappingNode SpecSchema()
    {
        var path = Path.Combine(ExampleDeployment.RepositoryRoot, "deploy", "crds", "openstackdeployments.openstack.orchestrator.io.yaml");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        var crd = (YamlMappingNode)stream.Documents.Single().RootNode;
        var version = (YamlMappingNode)((YamlSequenceNode)Child(crd, "spec").Children[new YamlScalarNode("versions")]).Children.Single();
        return Child(Child(Child(Child(version, "schema"), "openAPIV3Schema"), "properties"), "spec");
    }

    [Fact]
    public void The_crd_schema_of_the_spec_matches_the_spec_records_field_by_field()
    {
        var differences = new List<string>();

        Compare(typeof(DeploymentSpec), SpecSchema(), "spec", differences);

        Assert.Empty(differences);
    }

    [Fact]
    public void Service_kinds_and_node_roles_are_the_enums_of_the_model()
    {
        var service = Child(Child(Child(SpecSchema(), "properties"), "services"), "items");
        var kinds = Strings(Child(Child(service, "properties"), "kind"), "enum");
        var node = Child(Child(Child(SpecSchema(), "properties"), "nodes"), "items");
        var roles = Strings(Child(Child(Child(node, "properties"), "roles"), "items"), "enum");

        Assert.Equal(Enum.GetNames<ServiceKind>().Select(n => n.ToLowerInvariant()), kinds);
        Assert.Equal(NodeRoles.All, roles);
    }

    private static void Compare(Type record, YamlMappingNode schema, string path, List<string> differences)
    {
        if (Scalar(schema, "type") != "object")
        {
            differences.Add($"{path}: the schema's type is {Scalar(schema, "type")}, the model's is the record {record.Name}");
            return;
        }
        var fields = record.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
            .ToDictionary(p => char.ToLowerInvariant(p.Name![0]) + p.Name[1..], p => p.ParameterType);
        var properties = Child(schema, "properties").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (YamlMappingNode)p.Value);
        foreach (var missing in fields.Keys.Except(properties.Keys))
            differences.Add($"{path}.{missing}: in {record.Name}, not in the CRD schema");
        foreach (var extra in properties.Keys.Except(fields.Keys))
            differences.Add($"{path}.{extra}: in the CRD schema, not in {record.Name}");
        foreach (var (name, type) in fields)
            if (properties.TryGetValue(name, out var property))
                CompareType(type, property, $"{path}.{name}", differences);
    }

    private static void CompareType(Type type, YamlMappingNode schema, string path, List<string> differences)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var actual = Scalar(schema, "type");
        string expected;
        if (type == typeof(string) || type.IsEnum)
            expected = "string";
        else if (type == typeof(int) || type == typeof(long))
            expected = "integer";
        else if (type == typeof(bool))
            expected = "boolean";
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            expected = "array";
            if (actual == expected)
                CompareType(type.GetGenericArguments()[0], Child(schema, "items"), path + "[]", differences);
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            expected = "object";
            if (actual == expected)
                CompareType(type.GetGenericArguments()[1], Child(schema, "additionalProperties"), path + "{}", differences);
        }
        else
        {
            Compare(type, schema, path, differences);
            return;
        }
        if (actual != expected)
            differences.Add($"{path}: the CRD says {actual}, the model's {type.Name} is {expected}");
    }

    private static YamlMappingNode Child(YamlMappingNode node, string key) =>
        (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IReadOnlyList<string> Strings(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
}
