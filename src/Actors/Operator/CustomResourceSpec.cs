using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;
using Orchestrator.Messages.Spec.Validation;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// The OpenStackDeployment custom resource and the spec model, both ways. From the cluster, the object's spec is
/// given to <see cref="SpecLoader.Parse"/> as a JSON document (JSON is YAML), so validation runs exactly as for
/// `validate -f` and prints the same `path: reason` texts. To the cluster (`apply -f`), the model is written with
/// the field names of DESIGN.md, each service with its kind's fields only.
/// </summary>
public static class CustomResourceSpec
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>What the coordinator of the object must know, the spec read and validated.</summary>
    public static ReconcileDeployment Read(OpenStackDeploymentResource resource, DateTimeOffset at)
    {
        var metadata = resource.Metadata;
        var key = new DeploymentKey(metadata.NamespaceProperty ?? "", metadata.Name ?? "");
        var document = new JsonObject
        {
            ["apiVersion"] = resource.ApiVersion,
            ["kind"] = resource.Kind,
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Namespace },
            ["spec"] = resource.Spec?.DeepClone(),
        };
        var loaded = SpecLoader.Parse(document.ToJsonString(Indented));
        // Positions would point into this JSON rendering, not into anything the user wrote: only path and reason.
        var errors = loaded.Errors.Select(e => new SpecError(e.Path, e.Reason).ToString()).ToList();
        var deployment = loaded.Deployment is { } valid
            ? valid with { Metadata = valid.Metadata with { Uid = metadata.Uid } }
            : null;
        return new ReconcileDeployment(key, metadata.Uid ?? "", metadata.Generation ?? 0, resource.Paused,
            metadata.DeletionTimestamp is not null, metadata.Finalizers?.ToList() ?? [], deployment, errors, resource.Status, at);
    }

    /// <summary>The object `apply -f` writes for a valid spec file: its spec as the custom resource holds it.</summary>
    public static OpenStackDeploymentResource ToResource(OpenStackDeployment deployment) => new()
    {
        Metadata = new k8s.Models.V1ObjectMeta { Name = deployment.Metadata.Name, NamespaceProperty = deployment.Metadata.Namespace },
        Spec = ToJson(deployment.Spec),
    };

    public static JsonObject ToJson(DeploymentSpec spec)
    {
        var json = new JsonObject
        {
            ["domain"] = spec.Domain,
            ["tls"] = new JsonObject { ["secretName"] = spec.Tls.SecretName, ["generate"] = spec.Tls.Generate },
        };
        if (spec.AgentImage != DeploymentSpec.DefaultAgentImage)
            json["agentImage"] = spec.AgentImage;
        json["nodes"] = new JsonArray(spec.Nodes.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n.Name,
            ["roles"] = Strings(n.Roles),
        }).ToArray());
        json["services"] = new JsonArray(spec.Services.Select(s => (JsonNode)Service(s)).ToArray());
        return json;
    }

    private static JsonObject Service(ServiceSpec service)
    {
        var fields = new (string Name, JsonNode? Value)[]
        {
            ("name", service.Name),
            ("kind", ServiceKindFields.Name(service.Kind)),
            ("image", service.Image),
            ("replicas", service.Replicas),
            ("port", service.Port),
            ("dependsOn", service.DependsOn.Count > 0 ? Strings(service.DependsOn) : null),
            ("config", service.Config.Count > 0 ? Map(service.Config) : null),
            ("secrets", service.Secrets.Count > 0 ? Map(service.Secrets) : null),
            ("role", service.Role),
            ("source", service.Source),
            ("unit", service.Unit),
            ("conntrack", service.Conntrack ? null : false),
            ("ports", service.Ports.Count > 0 ? Strings(service.Ports) : null),
            ("orderedStart", service.OrderedStart ? true : null),
        };
        var json = new JsonObject();
        foreach (var (name, value) in fields)
            if (value is not null && ServiceKindFields.NotAllowedReason(service.Kind, name) is null)
                json[name] = value;
        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonObject Map(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
