using k8s;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>The simulated cluster driven by the real kubectl, as an operator would, with the answers a real cluster gives.</summary>
[Trait("Category", "EndToEnd")]
public sealed class KubectlSpecs : ClusterSpecs
{
    [Fact]
    public async Task Get_nodes_lists_every_node_as_ready()
    {
        var result = await Kubectl.Run("get", "nodes");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Trim().Split('\n');
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$", lines[0]);
        Assert.Equal(["node-1", "node-2", "node-3"], lines[1..].Select(l => l.Split(' ')[0]));
        Assert.All(lines[1..], l => Assert.Matches(@"\sReady\s", l));
    }

    [Fact]
    public async Task Label_node_makes_it_selectable_by_the_label()
    {
        var labelled = await Kubectl.Run("label", "node", "node-2", "openstack-compute=");
        var selected = await Kubectl.Run("get", "nodes", "-l", "openstack-compute", "-o", "name");

        Assert.Equal("node/node-2 labeled\n", labelled.Out);
        Assert.Equal("node/node-2\n", selected.Out);
    }

    [Fact]
    public async Task Applied_deployment_rolls_out_and_its_pods_run_on_nodes()
    {
        var manifest = WriteFile("web.yaml", Manifests.Deployment("web", 3, "nginx:1.27"));

        var applied = await Kubectl.Run("apply", "-f", manifest);
        var rollout = await Kubectl.Run("rollout", "status", "deployment/web", "--timeout=60s");
        var pods = await Kubectl.Run("get", "pods", "-o", "wide", "-l", "app=web");

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("deployment.apps/web created\n", applied.Out);
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", rollout.Out);
        var rows = pods.Out.Trim().Split('\n');
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$", rows[0]);
        Assert.Equal(3, rows.Length - 1);
        Assert.All(rows[1..], r => Assert.Matches(@"^web-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+node-\d\s", r));
    }

    [Fact]
    public async Task Reapplied_deployment_with_a_new_image_replaces_every_pod()
    {
        var manifest = WriteFile("api.yaml", Manifests.Deployment("api", 4, "api:1"));
        await Kubectl.Run("apply", "-f", manifest);
        await Kubectl.Run("rollout", "status", "deployment/api", "--timeout=60s");

        File.WriteAllText(manifest, Manifests.Deployment("api", 4, "api:2"));
        var reapplied = await Kubectl.Run("apply", "-f", manifest);
        var rollout = await Kubectl.Run("rollout", "status", "deployment/api", "--timeout=60s");
        var images = await Kubectl.Run("get", "pods", "-l", "app=api", "-o", "jsonpath={.items[*].spec.containers[0].image}");
        var sets = await Kubectl.Run("get", "replicasets", "-l", "app=api", "-o", "jsonpath={range .items[*]}{.spec.replicas} {end}");

        Assert.Equal("deployment.apps/api configured\n", reapplied.Out);
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Equal(["api:2", "api:2", "api:2", "api:2"], images.Out.Split(' '));
        Assert.Equal(["0", "4"], sets.Out.Trim().Split(' ').Order());
    }

    [Fact]
    public async Task Deleted_deployment_takes_its_replicasets_and_pods_with_it()
    {
        var manifest = WriteFile("gone.yaml", Manifests.Deployment("gone", 2, "nginx:1.27"));
        await Kubectl.Run("apply", "-f", manifest);
        await Kubectl.Run("rollout", "status", "deployment/gone", "--timeout=60s");

        var deleted = await Kubectl.Run("delete", "deployment", "gone");
        var left = await Eventually.Get(() => Kubectl.Run("get", "pods,replicasets", "-l", "app=gone", "-o", "name"),
            r => r.Out.Length == 0, "garbage collection of the pods");

        Assert.Equal("deployment.apps \"gone\" deleted\n", deleted.Out);
        Assert.Equal("", left.Out);
    }

    [Fact]
    public async Task Create_twice_answers_already_exists()
    {
        var manifest = WriteFile("settings.yaml", Manifests.ConfigMap("settings"));

        var first = await Kubectl.Run("create", "-f", manifest);
        var second = await Kubectl.Run("create", "-f", manifest);

        Assert.Equal("configmap/settings created\n", first.Out);
        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"Error from server (AlreadyExists): error when creating \"{manifest}\": configmaps \"settings\" already exists\n", second.Error);
    }

    [Fact]
    public async Task Get_of_a_missing_object_answers_not_found()
    {
        var result = await Kubectl.Run("get", "deployment", "nowhere");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Error from server (NotFound): deployments.apps \"nowhere\" not found\n", result.Error);
    }

    [Fact]
    public async Task Get_watch_prints_pods_as_they_change()
    {
        await Cluster.CreateClient().CoreV1.CreateNamespacedPodAsync(Workloads.Pod("existing"), "default");
        using var watch = Kubectl.Start("get", "pods", "-w");
        // kubectl lists first, then watches: the deployment is applied once the listed pod is printed.
        var header = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var listed = await watch.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var manifest = WriteFile("watched.yaml", Manifests.Deployment("watched", 1, "nginx:1.27"));
        await Kubectl.Run("apply", "-f", manifest);

        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("watched-") && line.Contains("1/1") && line.Contains("Running"))
                    return;
            }
        });
        var finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30)));
        watch.Kill();

        Assert.Same(reading, finished);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", header);
        Assert.StartsWith("existing ", listed);
        Assert.Contains(lines, l => l.StartsWith("watched-") && l.Contains("0/1"));
        Assert.Contains(lines, l => l.StartsWith("watched-") && l.Contains("1/1") && l.Contains("Running"));
    }

    [Fact]
    public async Task Custom_resources_are_served_once_their_definition_is_applied()
    {
        var crd = WriteFile("crd.yaml", Manifests.HostUnitsCrd);
        var units = WriteFile("units.yaml", """
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: HostUnits
            metadata:
              name: node-1
            spec:
              units:
              - name: nova-compute
            """);

        var definition = await Kubectl.Run("apply", "-f", crd);
        var created = await Kubectl.Run("apply", "-f", units);
        var listed = await Kubectl.Run("get", "hu", "-o", "jsonpath={.items[*].spec.units[0].name}");
        var deleted = await Kubectl.Run("delete", "hostunits", "node-1");

        Assert.Equal("customresourcedefinition.apiextensions.k8s.io/hostunits.openstack.orchestrator.io created\n", definition.Out);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("hostunits.openstack.orchestrator.io/node-1 created\n", created.Out);
        Assert.Equal("nova-compute", listed.Out);
        Assert.Equal("hostunits.openstack.orchestrator.io \"node-1\" deleted\n", deleted.Out);
    }

    [Fact]
    public async Task Typed_create_commands_and_run_are_understood_in_protobuf()
    {
        var ns = await Kubectl.Run("create", "namespace", "team");
        var configMap = await Kubectl.Run("create", "configmap", "settings", "-n", "team", "--from-literal=mode=fast");
        var again = await Kubectl.Run("create", "configmap", "settings", "-n", "team", "--from-literal=mode=fast");
        var secret = await Kubectl.Run("create", "secret", "generic", "creds", "-n", "team", "--from-literal=password=s3cret");
        var deployment = await Kubectl.Run("create", "deployment", "shop", "-n", "team", "--image=shop:1", "--replicas=2", "--port=8080");
        var exposed = await Kubectl.Run("expose", "deployment", "shop", "-n", "team", "--port=80", "--target-port=8080");
        var run = await Kubectl.Run("run", "debug", "-n", "team", "--image=busybox:1.36", "--labels=purpose=debug", "--", "sleep", "3600");
        var rollout = await Kubectl.Run("rollout", "status", "deployment/shop", "-n", "team", "--timeout=60s");
        var service = await Kubectl.Run("get", "service", "shop", "-n", "team", "-o", "jsonpath={.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort}");
        var password = await Kubectl.Run("get", "secret", "creds", "-n", "team", "-o", "jsonpath={.data.password}");

        Assert.Equal("namespace/team created\n", ns.Out);
        Assert.Equal("configmap/settings created\n", configMap.Out);
        Assert.Equal("error: failed to create configmap: configmaps \"settings\" already exists\n", again.Error);
        Assert.Equal("secret/creds created\n", secret.Out);
        Assert.Equal("deployment.apps/shop created\n", deployment.Out);
        Assert.Equal("service/shop exposed\n", exposed.Out);
        Assert.Equal("pod/debug created\n", run.Out);
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Equal("shop 80 8080", service.Out);
        Assert.Equal(Convert.ToBase64String("s3cret"u8.ToArray()), password.Out);
    }

    [Fact]
    public async Task Drain_cordons_a_node_and_evicts_its_pods_to_the_other_nodes()
    {
        var manifest = WriteFile("spread.yaml", Manifests.Deployment("spread", 3, "nginx:1.27"));
        await Kubectl.Run("apply", "-f", manifest);
        await Kubectl.Run("rollout", "status", "deployment/spread", "--timeout=60s");

        var drained = await Kubectl.Run("drain", "node-1", "--ignore-daemonsets");
        var node = await Kubectl.Run("get", "node", "node-1");
        var rollout = await Kubectl.Run("rollout", "status", "deployment/spread", "--timeout=60s");
        var placed = await Kubectl.Run("get", "pods", "-l", "app=spread", "-o", "jsonpath={.items[*].spec.nodeName}");

        Assert.True(drained.ExitCode == 0, drained.ToString());
        Assert.EndsWith("node/node-1 drained\n", drained.Out);
        Assert.Matches(@"\nnode-1\s+Ready,SchedulingDisabled\s", node.Out);
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.DoesNotContain("node-1", placed.Out);
        Assert.Equal(3, placed.Out.Split(' ').Length);
    }
}
