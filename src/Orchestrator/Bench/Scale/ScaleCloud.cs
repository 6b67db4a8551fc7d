using System.Text;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Scale;

/// <summary>
/// A fleet for the scale figures: <see cref="Nodes"/> controller nodes and one service per ten nodes, pinned and API in
/// turn (each API service depending on a pinned one), one replica each. No host services: a node agent per node would
/// measure the simulated hosts, not the orchestrator.
/// </summary>
public sealed record ScaleCloud(int Nodes)
{
    public const string Namespace = "scale";

    public int Services => Math.Max(2, Nodes / 10);

    /// <summary>What the orchestrator supervises: one coordinator, a supervisor per service and per node.</summary>
    public int Entities => 1 + Services + Nodes;

    public OpenStackDeployment Write(string file)
    {
        var text = new StringBuilder($$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: fleet, namespace: {{Namespace}}}
            spec:
              domain: scale.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:

            """);
        for (var n = 1; n <= Nodes; n++)
            text.AppendLine($"    - {{name: node-{n}, roles: [controller]}}");
        text.AppendLine("  services:");
        for (var s = 0; s < Services; s++)
            text.AppendLine(s % 2 == 0
                ? $"    - {{name: pinned-{s}, kind: pinned, image: \"registry.example.com/pinned:1\", replicas: 1, config: {{a.conf: \"id = {s}\\n\"}}}}"
                : $"    - {{name: api-{s}, kind: api, image: \"registry.example.com/api:1\", replicas: 1, port: {5000 + s}, dependsOn: [pinned-{s - 1}], "
                    + $"config: {{a.conf: \"id = {s}\\n\"}}}}");
        return GeneratedSpec.Write(file, text.ToString(), "the generated fleet");
    }
}
