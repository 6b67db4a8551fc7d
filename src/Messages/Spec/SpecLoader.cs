using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Orchestrator.Messages.Spec;

/// <summary>Reads an OpenStackDeployment document strictly: an unknown field is an error, never ignored.</summary>
public static class SpecLoader
{
    public static SpecLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new SpecLoadResult(null, [new SpecError(path, $"cannot read the file: {e.Message}")]);
        }
        return Parse(text);
    }

    public static SpecLoadResult Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        try
        {
            var document = deserializer.Deserialize<DocumentDto>(yaml);
            if (document is null)
                return new SpecLoadResult(null, [new SpecError("(document)", "the document is empty")]);
            return new SpecLoadResult(document.ToSpec(), []);
        }
        catch (YamlException e)
        {
            return new SpecLoadResult(null,
                [new SpecError("(document)", e.InnerException?.Message ?? e.Message, (int)e.Start.Line, (int)e.Start.Column)]);
        }
    }

    private sealed class DocumentDto
    {
        public string ApiVersion { get; set; } = "";
        public string Kind { get; set; } = "";
        public MetadataDto Metadata { get; set; } = new();
        public SpecDto Spec { get; set; } = new();

        public OpenStackDeployment ToSpec() => new(ApiVersion, Kind,
            new DeploymentMetadata(Metadata.Name, Metadata.Namespace),
            new DeploymentSpec(Spec.Domain, new TlsSpec(Spec.Tls.SecretName, Spec.Tls.Generate),
                Spec.Nodes.Select(n => new NodeSpec(n.Name, n.Roles)).ToList(),
                Spec.Services.Select(s => s.ToSpec()).ToList()));
    }

    private sealed class MetadataDto
    {
        public string Name { get; set; } = "";
        public string Namespace { get; set; } = "openstack";
    }

    private sealed class SpecDto
    {
        public string Domain { get; set; } = "";
        public TlsDto Tls { get; set; } = new();
        public List<NodeDto> Nodes { get; set; } = [];
        public List<ServiceDto> Services { get; set; } = [];
    }

    private sealed class TlsDto
    {
        public string SecretName { get; set; } = "tls-ingress";
        public bool Generate { get; set; }
    }

    private sealed class NodeDto
    {
        public string Name { get; set; } = "";
        public List<string> Roles { get; set; } = [];
    }

    private sealed class ServiceDto
    {
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Image { get; set; }
        public int Replicas { get; set; } = 1;
        public int? Port { get; set; }
        public List<string> DependsOn { get; set; } = [];
        public Dictionary<string, string> Config { get; set; } = [];
        public Dictionary<string, string> Secrets { get; set; } = [];
        public string? Role { get; set; }
        public string? Source { get; set; }
        public string? Unit { get; set; }
        public bool Conntrack { get; set; } = true;
        public List<string> Ports { get; set; } = [];

        public ServiceSpec ToSpec() => new(Name,
            Enum.TryParse<ServiceKind>(Kind, ignoreCase: true, out var kind) ? kind : ServiceKind.Api,
            Image, Replicas, Port, DependsOn,
            new SortedDictionary<string, string>(Config, StringComparer.Ordinal),
            new SortedDictionary<string, string>(Secrets, StringComparer.Ordinal),
            Role, Source, Unit, Conntrack, Ports);
    }
}
