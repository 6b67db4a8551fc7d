namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>Manifests as an operator writes them.</summary>
public static class Manifests
{
    public static string Deployment(string name, int replicas, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels: {"{"}app: {name}{"}"}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: main
                image: {image}
                ports:
                - containerPort: 8080
                env:
                - name: MODE
                  value: simulated
        """;

    public static string ConfigMap(string name) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          key: value
        """;

    public const string HostUnitsCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: hostunits.openstack.orchestrator.io
        spec:
          group: openstack.orchestrator.io
          scope: Cluster
          names:
            plural: hostunits
            singular: hostunits
            kind: HostUnits
            shortNames: [hu]
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    public const string OpenStackDeploymentCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: openstackdeployments.openstack.orchestrator.io
        spec:
          group: openstack.orchestrator.io
          scope: Namespaced
          names:
            plural: openstackdeployments
            singular: openstackdeployment
            kind: OpenStackDeployment
            shortNames: [osd]
          versions:
          - name: v1alpha1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;
}
