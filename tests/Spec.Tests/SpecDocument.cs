using Orchestrator.Messages.Spec;
using YamlDotNet.Serialization;

namespace Orchestrator.Spec.Tests;

/// <summary>
/// A valid spec as a tree of maps and lists that a test changes in one place before reading it back as YAML,
/// so each test shows only the mistake it makes. Indices are fixed: nodes ctl-1, db-1, cmp-1; services
/// [0] mariadb (host), [1] memcached (pinned), [2] keystone (api), [3] nova-compute (host).
/// </summary>
internal sealed class SpecDocument
{
    private SpecDocument(Dictionary<string, object?> root) => Root = root;

    public Dictionary<string, object?> Root { get; }

    public Dictionary<string, object?> Metadata => (Dictionary<string, object?>)Root["metadata"]!;

    public Dictionary<string, object?> Spec => (Dictionary<string, object?>)Root["spec"]!;

    public List<object?> Nodes => (List<object?>)Spec["nodes"]!;

    public List<object?> Services => (List<object?>)Spec["services"]!;

    public Dictionary<string, object?> Node(int index) => (Dictionary<string, object?>)Nodes[index]!;

    public Dictionary<string, object?> Service(int index) => (Dictionary<string, object?>)Services[index]!;

    public static SpecDocument Valid() => new(Map(
        ("apiVersion", "openstack.orchestrator.io/v1alpha1"),
        ("kind", "OpenStackDeployment"),
        ("metadata", Map(("name", "cloud"), ("namespace", "openstack"))),
        ("spec", Map(
            ("domain", "k8s.example.com"),
            ("tls", Map(("secretName", "tls-ingress"), ("generate", true))),
            ("nodes", List(
                Map(("name", "ctl-1"), ("roles", List("controller"))),
                Map(("name", "db-1"), ("roles", List("database"))),
                Map(("name", "cmp-1"), ("roles", List("compute", "net-node"))))),
            ("services", List(
                Map(("name", "mariadb"), ("kind", "host"), ("role", "database"), ("source", "/artifacts/mariadb"),
                    ("unit", "[Unit]\nDescription=MariaDB\n[Service]\nExecStart=/opt/mariadb/bin/mariadbd\n"),
                    ("config", Map(("my.cnf", "[mysqld]\nbind-address = 0.0.0.0\n")))),
                Map(("name", "memcached"), ("kind", "pinned"), ("image", "registry.example.com/memcached:1.6"),
                    ("port", 11211)),
                Map(("name", "keystone"), ("kind", "api"), ("image", "registry.example.com/keystone:2025.1"),
                    ("replicas", 2), ("port", 5000), ("dependsOn", List("mariadb", "memcached")),
                    ("config", Map(("keystone.conf", "[database]\nconnection = mysql+pymysql://keystone@mariadb/keystone\n"))),
                    ("secrets", Map(("db-password", "correct-horse-battery-staple")))),
                Map(("name", "nova-compute"), ("kind", "host"), ("role", "compute"), ("source", "/artifacts/nova-compute"),
                    ("unit", "[Service]\nExecStart=/opt/nova-compute/bin/nova-compute\n"),
                    ("conntrack", false), ("ports", List("5900-5999/tcp", "16509/tcp"))))),
            ("agentImage", "registry.example.com/orchestrator:0.1.0")))));

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] fields) =>
        fields.ToDictionary(field => field.Key, field => field.Value);

    public static List<object?> List(params object?[] items) => [.. items];

    public string ToYaml() => new SerializerBuilder().Build().Serialize(Root);

    public SpecLoadResult Load() => SpecLoader.Parse(ToYaml());
}
