using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Diff;

/// <summary>One object and what an apply would do with it; Deleted is an object of ours the spec no longer names.</summary>
public sealed record ObjectChange(string Change, string Kind, string Resource, string? Namespace, string Name, IReadOnlyList<FieldChange> Fields)
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Deleted = "deleted";
    public const string Unchanged = "unchanged";

    public string Display => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}

/// <summary>A host unit that would start, restart (its hash moves) or stop on a node.</summary>
public sealed record UnitChange(string Node, string Unit, string Action, string? HashBefore, string? HashAfter);

public sealed record DiffResult(IReadOnlyList<ObjectChange> Objects, IReadOnlyList<UnitChange> Units)
{
    public bool Differs => Objects.Any(o => o.Change != ObjectChange.Unchanged);
}

/// <summary>
/// `orchestrator diff`: everything an apply of the spec would write, read from the live cluster and decided by the
/// adapter's own <see cref="ApplyDecision"/> (through <see cref="KubernetesAdapter.PreviewAsync"/>), before anything is
/// written: the shared objects, every service's objects, every node's labels and HostUnits, as the coordinator and
/// the supervisors receive them (<see cref="DesiredDeployment"/>), and the objects carrying the deployment's labels
/// that the rendering no longer names.
/// </summary>
public static class DeploymentDiff
{
    public static async Task<DiffResult> PreviewAsync(KubernetesAdapter adapter, OpenStackDeployment deployment, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // The apply writes the OpenStackDeployment object first; what is rendered for it then carries owner references
        // to that object (its uid), so the preview renders with the uid of the object the cluster holds, if any.
        var live = await adapter.GetAsync<OpenStackDeploymentResource>(deployment.Metadata.Namespace, deployment.Metadata.Name, cancellationToken);
        deployment = deployment with { Metadata = deployment.Metadata with { Uid = live?.Metadata.Uid } };
        var rendered = await new RenderedDesiredState(adapter, clock).RenderAsync(deployment, null, cancellationToken);
        var objects = new List<IKubernetesObject<V1ObjectMeta>> { OpenStackDeploymentDefinition.Create(), CustomResourceSpec.ToResource(deployment) };
        objects.AddRange(rendered.SharedObjects);
        foreach (var service in deployment.Spec.Services)
            objects.AddRange(rendered.ServicePart(service.Name).Objects);
        var changes = new List<ObjectChange>();
        var units = new List<UnitChange>();
        foreach (var node in deployment.Spec.Nodes)
        {
            var nodeObjects = rendered.NodePart(node.Name);
            changes.Add(await NodeLabelsAsync(adapter, node.Name, nodeObjects.Labels, cancellationToken));
            if (nodeObjects.HostUnits is { } hostUnits)
                objects.Add(hostUnits);
        }
        var named = new HashSet<(string, string?, string)>();
        foreach (var desired in objects)
        {
            var preview = await adapter.PreviewAsync(desired, cancellationToken);
            named.Add((preview.Kind, preview.Namespace, preview.Name));
            changes.Add(new ObjectChange(Word(preview.Outcome), preview.Kind, preview.Resource, preview.Namespace, preview.Name,
                // The OpenStackDeployment's spec holds the services' secrets: it is named as changed, its fields never shown.
                preview.Outcome == ApplyOutcome.Unchanged || preview.Kind == OpenStackDeployment.ExpectedKind ? []
                    : FieldDiff.Between(preview.Kind, preview.Desired, preview.Observed)));
            if (preview.Kind == HostUnitsResource.KindName && preview.Outcome != ApplyOutcome.Unchanged)
                units.AddRange(UnitChanges(preview.Name, preview.Desired, preview.Observed));
        }
        changes.AddRange(await OrphansAsync(adapter, deployment, named, cancellationToken));
        return new DiffResult(changes, units);
    }

    private static string Word(ApplyOutcome outcome) => outcome switch
    {
        ApplyOutcome.Created => ObjectChange.Created,
        ApplyOutcome.Updated => ObjectChange.Changed,
        _ => ObjectChange.Unchanged,
    };

    /// <summary>The node's role labels as the node supervisor writes them (a merge patch of the differing ones).</summary>
    private static async Task<ObjectChange> NodeLabelsAsync(KubernetesAdapter adapter, string node, IReadOnlyDictionary<string, string?> labels,
        CancellationToken cancellationToken)
    {
        var observed = await adapter.GetAsync<V1Node>(null, node, cancellationToken);
        if (observed is null)
            return new ObjectChange(ObjectChange.Changed, "Node", "nodes", null, node, [new FieldChange("(node)", null, "\"not in the cluster: the apply will fail to label it\"", false)]);
        var differing = NodeLabels.Differences(observed.Metadata?.Labels, labels);
        var fields = differing.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new FieldChange($"metadata.labels.{d.Key}",
            observed.Metadata?.Labels?.TryGetValue(d.Key, out var before) == true ? Quoted(before) : null, d.Value is null ? null : Quoted(d.Value), false)).ToList();
        return new ObjectChange(fields.Count == 0 ? ObjectChange.Unchanged : ObjectChange.Changed, "Node", "nodes", null, node, fields);
    }

    private static string Quoted(string value) => JsonValue.Create(value).ToJsonString();

    /// <summary>Units whose hash is new, moves or goes, on the node the HostUnits object is named after.</summary>
    private static IEnumerable<UnitChange> UnitChanges(string node, JsonObject desired, JsonObject? observed)
    {
        static Dictionary<string, string> Units(JsonObject? hostUnits) => (hostUnits?["spec"]?["units"] as JsonArray ?? [])
            .OfType<JsonObject>().ToDictionary(u => u["name"]!.GetValue<string>(), u => u["hash"]?.GetValue<string>() ?? "", StringComparer.Ordinal);
        var before = Units(observed);
        var after = Units(desired);
        foreach (var unit in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var had = before.GetValueOrDefault(unit);
            var wants = after.GetValueOrDefault(unit);
            if (had == wants)
                continue;
            var action = had is null ? "start" : wants is null ? "stop" : "restart";
            yield return new UnitChange(node, unit, action, had, wants);
        }
    }

    /// <summary>Objects labelled as this deployment's (managed by us) that the rendering no longer names: a pruning apply deletes them.</summary>
    private static async Task<IReadOnlyList<ObjectChange>> OrphansAsync(KubernetesAdapter adapter, OpenStackDeployment deployment,
        HashSet<(string, string?, string)> named, CancellationToken cancellationToken)
    {
        var selector = $"{WellKnown.ManagedByLabel}={WellKnown.ManagedByValue},{WellKnown.DeploymentLabel}={deployment.Metadata.Name}";
        var ns = deployment.Metadata.Namespace;
        var found = new List<(string Kind, string Resource, string? Namespace, string Name)>();
        async Task List<T>(string kind, string resource, string? @namespace) where T : class, IKubernetesObject<V1ObjectMeta>
        {
            foreach (var item in await adapter.ListAsync<T>(@namespace, selector, cancellationToken))
                found.Add((kind, resource, @namespace, item.Metadata.Name));
        }
        await List<V1ConfigMap>("ConfigMap", "configmaps", ns);
        await List<V1Secret>("Secret", "secrets", ns);
        await List<V1Service>("Service", "services", ns);
        await List<V1Deployment>("Deployment", "deployments.apps", ns);
        await List<V1StatefulSet>("StatefulSet", "statefulsets.apps", ns);
        await List<V1DaemonSet>("DaemonSet", "daemonsets.apps", ns);
        await List<V1Ingress>("Ingress", "ingresses.networking.k8s.io", ns);
        try
        {
            await List<HostUnitsResource>(HostUnitsResource.KindName, $"{HostUnitsResource.Plural}.{HostUnitsResource.Group}", null);
        }
        catch (KubernetesApiException missing) when (missing.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // No HostUnits definition in the cluster yet: no HostUnits of ours either.
        }
        return found.Where(f => !named.Contains((f.Kind, f.Namespace, f.Name)))
            .Select(f => new ObjectChange(ObjectChange.Deleted, f.Kind, f.Resource, f.Namespace, f.Name, [])).ToList();
    }
}
