using YamlDotNet.RepresentationModel;

namespace Orchestrator.Messages.Spec.Reading;

/// <summary>
/// Turns the root map of a document into the model, field by field. It reads past every error so that one
/// pass finds them all; where a value could not be read the model holds a stand-in (an empty name, an empty
/// list) and the path is marked, so that validation does not report the same spot twice.
/// </summary>
internal static class DeploymentReader
{
    // The document is also the custom resource that `run` reads back from the cluster, which carries the
    // status the orchestrator wrote and the metadata Kubernetes keeps. Those fields belong to Kubernetes,
    // not to the deployment: they are known (so never reported as typos) and not part of the model.
    private static readonly string[] RootFields = ["apiVersion", "kind", "metadata", "spec", "status"];
    private static readonly string[] MetadataFields =
    [
        "name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers", "ownerReferences", "managedFields",
        "generateName", "selfLink",
    ];
    private static readonly string[] SpecFields = ["domain", "tls", "nodes", "services", "agentImage"];
    private static readonly string[] TlsFields = ["secretName", "generate"];
    private static readonly string[] NodeFields = ["name", "roles"];

    /// <summary>The namespace the OpenStack objects go to when metadata gives none.</summary>
    public const string DefaultNamespace = "openstack";

    /// <summary>The TLS Secret the Ingresses use when the spec gives no tls section.</summary>
    public const string DefaultTlsSecretName = "tls-ingress";

    public static OpenStackDeployment Read(YamlMappingNode root, SpecReading reading)
    {
        var fields = new YamlFields(root, "", reading, RootFields);
        return new OpenStackDeployment(
            fields.String("apiVersion", required: true) ?? "",
            fields.String("kind", required: true) ?? "",
            ReadMetadata(fields, reading),
            ReadSpec(fields, reading));
    }

    private static DeploymentMetadata ReadMetadata(YamlFields root, SpecReading reading)
    {
        if (root.Map("metadata", required: true) is not { } map)
            return new DeploymentMetadata("", DefaultNamespace);
        var fields = new YamlFields(map, "metadata", reading, MetadataFields);
        return new DeploymentMetadata(
            fields.String("name", required: true) ?? "",
            fields.String("namespace") ?? DefaultNamespace);
    }

    private static DeploymentSpec ReadSpec(YamlFields root, SpecReading reading)
    {
        if (root.Map("spec", required: true) is not { } map)
            return new DeploymentSpec("", new TlsSpec(DefaultTlsSecretName, false), [], []);
        var fields = new YamlFields(map, "spec", reading, SpecFields);
        return new DeploymentSpec(
            fields.String("domain", required: true) ?? "",
            ReadTls(fields, reading),
            ReadItems(fields, "nodes", reading, ReadNode),
            ReadItems(fields, "services", reading, ServiceReader.Read),
            fields.String("agentImage") ?? DeploymentSpec.DefaultAgentImage);
    }

    private static TlsSpec ReadTls(YamlFields spec, SpecReading reading)
    {
        if (spec.Map("tls") is not { } map)
            return new TlsSpec(DefaultTlsSecretName, false);
        var fields = new YamlFields(map, "spec.tls", reading, TlsFields);
        return new TlsSpec(fields.String("secretName") ?? DefaultTlsSecretName, fields.Bool("generate") ?? false);
    }

    private static NodeSpec ReadNode(YamlFields fields, SpecReading reading) =>
        new(fields.String("name", required: true) ?? "", fields.StringList("roles", required: true));

    /// <summary>
    /// Reads every item of a required list of maps. An item that is not a map still takes its place in the
    /// model (as a stand-in read from an empty map) so that indices in the model match those of the text.
    /// </summary>
    private static IReadOnlyList<T> ReadItems<T>(
        YamlFields spec, string name, SpecReading reading, Func<YamlFields, SpecReading, T> read)
    {
        if (spec.List(name, required: true) is not { } list) return [];
        var items = new List<T>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = SpecPath.Index(spec.PathOf(name), i);
            var item = list.Children[i];
            if (item is YamlMappingNode map)
            {
                items.Add(read(new YamlFields(map, path, reading, FieldsOf(name), HintsOf(name)), reading));
                continue;
            }
            reading.Unreadable(path, $"expected a map ({(name == "nodes" ? "name, roles" : "name, kind, ...")}), got {YamlFields.Kind(item)}", item);
            // The stand-in's own complaints (every field missing) would only repeat the error above.
            var discarded = new SpecReading();
            items.Add(read(new YamlFields(new YamlMappingNode(), path, discarded, FieldsOf(name)), discarded));
        }
        return items;
    }

    private static IReadOnlyList<string> FieldsOf(string list) => list == "nodes" ? NodeFields : ServiceReader.Fields;

    private static Func<YamlFields, IReadOnlyList<string>>? HintsOf(string list) => list == "nodes" ? null : ServiceReader.HintsFor;
}
