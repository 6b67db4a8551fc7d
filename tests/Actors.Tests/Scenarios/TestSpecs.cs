using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>Small deployments of api and pinned services for the scenario tests, read through the real loader.</summary>
public static class TestSpecs
{
    public const string Namespace = "openstack";

    public static OpenStackDeployment ApiAndPinned(string keystoneConf = "[DEFAULT]\ndebug = false\n", string dbPassword = "s3cret-value") =>
        Load(ApiAndPinnedYaml(keystoneConf, dbPassword));

    /// <summary>A fleet of <paramref name="nodes"/> controller nodes (node-1 ..) under one pinned service.</summary>
    public static OpenStackDeployment Fleet(int nodes) => Load($$"""
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud, namespace: {{Namespace}}}
        spec:
          domain: k8s.example.com
          tls: {secretName: tls-ingress, generate: true}
          nodes:
        {{string.Concat(Enumerable.Range(1, nodes).Select(n => $"    - {{name: node-{n}, roles: [controller]}}\n"))}}
          services:
            - name: memcached
              kind: pinned
              image: registry.example.com/memcached:1.6
              replicas: 1
        """);

    /// <summary>The YAML of <see cref="ApiAndPinned"/>, for the commands that read a spec file.</summary>
    public static string ApiAndPinnedYaml(string keystoneConf = "[DEFAULT]\ndebug = false\n", string dbPassword = "s3cret-value") => $$"""
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
              secrets: {db-password: "{{dbPassword}}"}
            - name: glance-api
              kind: api
              image: registry.example.com/glance:2025.1
              replicas: 1
              port: 9292
              dependsOn: [keystone]
              config: {glance-api.conf: "[DEFAULT]\n"}
        """;

    /// <summary>A host database on its own node that keystone depends on; its virtualenv is made under <paramref name="artifacts"/>.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static OpenStackDeployment WithHostDatabase(string artifacts, string myCnf = "[mysqld]\nport = 3306\n")
    {
        MariadbArtifact(artifacts);
        return Load($$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: cloud, namespace: {{Namespace}}}
            spec:
              domain: k8s.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: node-1, roles: [controller]}
                - {name: db-1, roles: [database]}
              services:
                - name: mariadb
                  kind: host
                  role: database
                  source: {{Path.Combine(artifacts, "mariadb")}}
                  unit: "[Unit]\nDescription=MariaDB\n[Service]\nExecStart=/opt/mariadb/bin/mariadbd\nRestart=on-failure\n"
                  config: {my.cnf: {{System.Text.Json.JsonSerializer.Serialize(myCnf)}}}
                  secrets: {root-password: "db-s3cret-value"}
                  ports: ["3306/tcp"]
                - name: keystone
                  kind: api
                  image: registry.example.com/keystone:2025.1
                  replicas: 1
                  port: 5000
                  dependsOn: [mariadb]
                  config: {keystone.conf: "[database]\nconnection = mysql://keystone@db-1/keystone\n"}
            """);
    }

    /// <summary>
    /// Two host services with no dependencies on one node (db-1, database and block-storage), so both are released at
    /// once; both run the test database's virtualenv made under <paramref name="artifacts"/>.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static OpenStackDeployment TwoHostServicesOnOneNode(string artifacts)
    {
        var source = MariadbArtifact(artifacts);
        return Load($$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: cloud, namespace: {{Namespace}}}
            spec:
              domain: k8s.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:
                - {name: db-1, roles: [database, block-storage]}
              services:
                - name: mariadb
                  kind: host
                  role: database
                  source: {{source}}
                  unit: "[Unit]\nDescription=MariaDB\n[Service]\nExecStart=/opt/mariadb/bin/mariadbd\nRestart=on-failure\n"
                  config: {my.cnf: "[mysqld]\nport = 3306\n"}
                - name: cinder-volume
                  kind: host
                  role: block-storage
                  source: {{source}}
                  unit: "[Unit]\nDescription=Cinder volume\n[Service]\nExecStart=/opt/cinder-volume/bin/mariadbd\nRestart=on-failure\n"
                  config: {cinder.conf: "[DEFAULT]\n"}
            """);
    }

    /// <summary>The host database's virtualenv, `mariadb/bin/mariadbd` (a script that exits 0), under <paramref name="artifacts"/>; its folder.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static string MariadbArtifact(string artifacts)
    {
        var bin = Path.Combine(artifacts, "mariadb", "bin");
        Directory.CreateDirectory(bin);
        var server = Path.Combine(bin, "mariadbd");
        File.WriteAllText(server, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(server, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Path.Combine(artifacts, "mariadb");
    }

    private static OpenStackDeployment Load(string yaml)
    {
        var loaded = SpecLoader.Parse(yaml);
        return loaded.Deployment ?? throw new InvalidOperationException("test spec invalid: " + string.Join("; ", loaded.Errors));
    }
}
