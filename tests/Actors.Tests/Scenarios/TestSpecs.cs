using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>Small deployments of api and pinned services for the scenario tests, read through the real loader.</summary>
public static class TestSpecs
{
    public const string Namespace = "openstack";

    public static OpenStackDeployment ApiAndPinned(string keystoneConf = "[DEFAULT]\ndebug = false\n") => Load($$"""
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud, namespace: {{Namespace}}}
        spec:
          domain: k8s.example.com
          tls: {secretName: tls-ingress, generate: true}
          nodes:
            - {name: node-1, roles: [controller]}
            - {name: node-2, roles: [controller]}
          services:
            - name: memcached
              kind: pinned
              image: registry.example.com/memcached:1.6
              replicas: 1
            - name: keystone
              kind: api
              image: registry.example.com/keystone:2025.1
              replicas: 2
              port: 5000
              dependsOn: [memcached]
              config: {keystone.conf: {{System.Text.Json.JsonSerializer.Serialize(keystoneConf)}}}
              secrets: {db-password: "s3cret-value"}
            - name: glance-api
              kind: api
              image: registry.example.com/glance:2025.1
              replicas: 1
              port: 9292
              dependsOn: [keystone]
              config: {glance-api.conf: "[DEFAULT]\n"}
        """);

    private static OpenStackDeployment Load(string yaml)
    {
        var loaded = SpecLoader.Parse(yaml);
        return loaded.Deployment ?? throw new InvalidOperationException("test spec invalid: " + string.Join("; ", loaded.Errors));
    }
}
