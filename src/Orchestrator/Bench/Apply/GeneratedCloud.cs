using System.Text;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// A generated OpenStackDeployment whose render is about a given number of objects: three controller nodes, pinned
/// services (StatefulSet, headless Service, ConfigMap, Secret) and API services (Deployment, Service, Ingress,
/// ConfigMap, Secret) that each depend on a pinned one, so the deployment has two dependency levels.
/// </summary>
public static class GeneratedCloud
{
    /// <summary>Writes the spec to <paramref name="file"/> and returns how many objects it renders to.</summary>
    /// <param name="changed">The services (`pinned-0`, `api-0`, ...) whose one configuration file gets a line more: a one-file change each.</param>
    public static int Write(string file, int objects, IReadOnlyCollection<string>? changed = null)
    {
        const int fixedObjects = 5; // the namespace, three nodes, the TLS secret
        var services = new StringBuilder();
        var count = fixedObjects;
        var pinned = 0;
        var api = 0;
        while (count < objects)
        {
            if (pinned <= api)
            {
                services.AppendLine($"    - {{name: pinned-{pinned}, kind: pinned, image: \"registry.example.com/pinned:2025.1\", replicas: 1, "
                    + $"config: {{pinned.conf: \"[DEFAULT]\\nid = {pinned}\\n{Changed(changed, $"pinned-{pinned}")}\"}}, secrets: {{password: \"bench-{pinned}\"}}}}");
                pinned++;
                count += 4;
            }
            else
            {
                services.AppendLine($"    - {{name: api-{api}, kind: api, image: \"registry.example.com/api:2025.1\", replicas: 1, port: {5000 + api}, "
                    + $"dependsOn: [pinned-{api % pinned}], config: {{api.conf: \"[DEFAULT]\\nid = {api}\\n{Changed(changed, $"api-{api}")}\"}}, secrets: {{password: \"bench-{api}\"}}}}");
                api++;
                count += 5;
            }
        }
        var deployment = GeneratedSpec.Write(file, $$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: bench, namespace: bench}
            spec:
              domain: bench.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: node-1, roles: [controller]}
                - {name: node-2, roles: [controller]}
                - {name: node-3, roles: [controller]}
              services:
            """ + "\n" + services, "the generated spec");
        return DesiredStateRenderer.Render(deployment, null).Objects.Count;
    }

    private static string Changed(IReadOnlyCollection<string>? changed, string service) =>
        changed is not null && changed.Contains(service) ? "debug = true\\n" : "";
}
