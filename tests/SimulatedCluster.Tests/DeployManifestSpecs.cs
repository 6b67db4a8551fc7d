using System.Diagnostics;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// deploy/ as a user installs it, against `orchestrator simulate` as its own process: `kubectl apply -k deploy/`,
/// a token for the operator's ServiceAccount from `kubectl create token`, an OpenStackDeployment written with kubectl,
/// and `orchestrator run` with that token converging it to Ready=True at its generation. Zero 403s in the server's /metrics proves the ClusterRole is enough for the code;
/// the refusals and `kubectl auth can-i` answers prove it is no more than the design allows.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DeployManifestSpecs : IAsyncLifetime
{
    private const string Operator = "system:serviceaccount:kube-system:orchestrator";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(150);

    private const string Spec = """
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud, namespace: openstack}
        spec:
          domain: k8s.example.com
          tls: {secretName: tls-ingress, generate: true}
          nodes:
            - {name: node-1, roles: [controller]}
            - {name: node-2, roles: [compute]}
          services:
            - name: memcached
              kind: pinned
              image: registry.example.com/memcached:1.6
              replicas: 1
            - name: keystone
              kind: api
              image: registry.example.com/keystone:2025.1
              replicas: 1
              port: 5000
              dependsOn: [memcached]
              config: {keystone.conf: "[DEFAULT]\ndebug = false\n"}
              secrets: {db-password: "s3cret-value"}
            - name: nova-compute
              kind: host
              role: compute
              source: /artifacts/nova-compute
              unit: "[Unit]\nDescription=nova-compute\n[Service]\nExecStart=/opt/nova-compute/bin/nova-compute\n"
              dependsOn: [keystone]
        """;

    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("deploy-manifests-").FullName;
    private Process _simulate = null!;
    private Kubectl _admin = null!;

    private string SpecPath => Path.Combine(_folder, "cloud.yaml");

    public async Task InitializeAsync()
    {
        File.WriteAllText(SpecPath, Spec);
        var source = Path.Combine(_folder, "artifacts", "nova-compute", "bin", "nova-compute");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllText(source, "#!/bin/sh\nexec sleep infinity\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var kubeconfig = Path.Combine(_folder, "admin.kubeconfig");
        _simulate = Orchestrator("simulate", "--nodes-from", SpecPath, "--kubeconfig-out", kubeconfig, "--hosts-dir", Path.Combine(_folder, "hosts"),
            "--ready-delay", "50ms");
        for (var line = ""; !line.StartsWith("kubeconfig:", StringComparison.Ordinal);)
            line = await _simulate.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("simulate ended");
        _admin = new Kubectl(kubeconfig);
    }

    public async Task DisposeAsync()
    {
        if (!_simulate.HasExited)
        {
            Process.Start("kill", ["-TERM", _simulate.Id.ToString()]).WaitForExit();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _simulate.WaitForExitAsync(bound.Token);
        }
        _simulate.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_operator_run_with_its_token_converges_a_deployment_applied_with_kubectl_with_no_refusal_and_is_refused_what_the_role_leaves_out()
    {
        var installed = await _admin.Run("apply", "-k", Path.Combine(RepositoryRoot, "deploy"));
        Assert.True(installed.ExitCode == 0, installed.ToString());
        var token = await _admin.Run("create", "token", "orchestrator", "-n", "kube-system");
        Assert.True(token.ExitCode == 0 && token.Out.Trim().Split('.').Length == 3, token.ToString());
        var operatorKubeconfig = await OperatorKubeconfig(token.Out.Trim());
        var asOperator = new Kubectl(operatorKubeconfig);

        // The user writes the OpenStackDeployment with kubectl; the operator, as its ServiceAccount, converges it.
        Assert.Equal(0, (await _admin.Run("create", "namespace", "openstack")).ExitCode);
        var written = await _admin.Run("apply", "-f", SpecPath);
        Assert.True(written.ExitCode == 0, written.ToString());
        using var run = Orchestrator("run", "--kubeconfig", operatorKubeconfig, "--journal", "sqlite:" + Path.Combine(_folder, "journal.db"),
            "--http", "off");
        string ready, generations;
        try
        {
            // Until Ready=True, or the operator exited (the asserts below say how).
            ready = await Eventually.Get(async () => (await _admin.Run("get", "osd", "cloud", "-n", "openstack", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).Out.Trim(), seen => seen == "True" || run.HasExited, "Ready=True on the OpenStackDeployment", Bound);
            generations = (await _admin.Run("get", "osd", "cloud", "-n", "openstack", "-o", "jsonpath={.metadata.generation} {.status.observedGeneration}")).Out.Trim();
        }
        finally
        {
            if (!run.HasExited)
                Process.Start("kill", ["-TERM", run.Id.ToString()]).WaitForExit();
        }
        using (var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            await run.WaitForExitAsync(stopped.Token);
        var afterApply = (await _admin.Run("get", "--raw", "/metrics")).Out;
        var deleteNamespace = await asOperator.Run("delete", "namespace", "openstack");
        var deleteNode = await asOperator.Run("delete", "node", "node-1");
        var readCrds = await asOperator.Run("get", "customresourcedefinitions");
        var afterRefusals = (await _admin.Run("get", "--raw", "/metrics")).Out;

        Assert.Equal("True", ready);
        Assert.Equal(generations.Split(' ')[0], generations.Split(' ')[1]);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("code=\"403\"", afterApply);
        Assert.Matches("apiserver_request_total\\{code=\"201\",[^}]*resource=\"clusterroles\",[^}]*verb=\"POST\"", afterApply);
        Assert.Equal($"Error from server (Forbidden): namespaces \"openstack\" is forbidden: User \"{Operator}\" cannot delete resource \"namespaces\" in API group \"\" in the namespace \"openstack\"\n", deleteNamespace.Error);
        Assert.Equal($"Error from server (Forbidden): nodes \"node-1\" is forbidden: User \"{Operator}\" cannot delete resource \"nodes\" in API group \"\" at the cluster scope\n", deleteNode.Error);
        Assert.Equal($"Error from server (Forbidden): customresourcedefinitions.apiextensions.k8s.io is forbidden: User \"{Operator}\" cannot list resource \"customresourcedefinitions\" in API group \"apiextensions.k8s.io\" at the cluster scope\n", readCrds.Error);
        Assert.Contains("code=\"403\",component=\"apiserver\",dry_run=\"\",group=\"\",resource=\"namespaces\",scope=\"resource\",subresource=\"\",verb=\"DELETE\",version=\"v1\"} 1\n", afterRefusals);
    }

    /// <summary>What `kubectl auth can-i --as` the operator must answer: (answer, verb, resource, subresource).</summary>
    private static readonly (string Answer, string Verb, string Resource, string Subresource)[] Questions =
    [
        ("yes", "watch", "openstackdeployments.openstack.orchestrator.io", ""),
        ("yes", "update", "openstackdeployments.openstack.orchestrator.io", "status"),
        ("yes", "update", "openstackdeployments.openstack.orchestrator.io", "finalizers"),
        ("no", "delete", "openstackdeployments.openstack.orchestrator.io", ""),
        ("yes", "create", "deployments.apps", ""),
        ("yes", "delete", "statefulsets.apps", ""),
        ("yes", "get", "secrets", ""),
        ("yes", "watch", "secrets", ""),
        ("yes", "watch", "services", ""),
        ("yes", "watch", "ingresses.networking.k8s.io", ""),
        ("yes", "patch", "nodes", ""),
        ("no", "delete", "nodes", ""),
        ("no", "delete", "namespaces", ""),
        ("yes", "create", "clusterroles.rbac.authorization.k8s.io", ""),
        ("no", "escalate", "clusterroles.rbac.authorization.k8s.io", ""),
        ("no", "bind", "clusterroles.rbac.authorization.k8s.io", ""),
        ("no", "create", "customresourcedefinitions.apiextensions.k8s.io", ""),
        ("no", "create", "pods", ""),
        ("no", "create", "pods", "exec"),
        ("no", "impersonate", "serviceaccounts", ""),
        ("yes", "create", "events", ""),
        ("no", "delete", "events", ""),
    ];

    [Fact]
    public async Task Auth_can_i_as_the_operator_answers_from_the_installed_role()
    {
        var installed = await _admin.Run("apply", "-k", Path.Combine(RepositoryRoot, "deploy"));
        Assert.True(installed.ExitCode == 0, installed.ToString());

        var wrong = new List<string>();
        foreach (var (answer, verb, resource, subresource) in Questions)
        {
            string[] args = ["auth", "can-i", verb, resource, "-n", "openstack", "--as", Operator];
            if (subresource.Length > 0)
                args = [.. args, "--subresource", subresource];
            var said = await _admin.Run(args);
            if (said.Out != answer + "\n")
                wrong.Add($"can-i {verb} {resource}{(subresource.Length > 0 ? "/" + subresource : "")}: expected {answer}, got {said.Out.Trim()} {said.Error.Trim()}");
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Apply_of_the_two_folders_with_f_installs_the_same_objects()
    {
        var installed = await _admin.Run("apply", "-f", Path.Combine(RepositoryRoot, "deploy", "crds"), "-f", Path.Combine(RepositoryRoot, "deploy", "operator"));
        var kustomized = await _admin.Run("apply", "-k", Path.Combine(RepositoryRoot, "deploy"));

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.Equal(8, installed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(kustomized.ExitCode == 0, kustomized.ToString());
        Assert.DoesNotContain("created", kustomized.Out);
    }

    private async Task<string> OperatorKubeconfig(string token)
    {
        var path = Path.Combine(_folder, "operator.kubeconfig");
        File.Copy(Path.Combine(_folder, "admin.kubeconfig"), path);
        var user = new Kubectl(path);
        foreach (var step in new[]
        {
            new[] { "config", "set-credentials", "orchestrator", "--token", token },
            ["config", "set-context", "orchestrator", "--cluster", KubeconfigWriter.TlsContextName, "--user", "orchestrator"],
            ["config", "use-context", "orchestrator"],
        })
        {
            var done = await user.Run(step);
            Assert.True(done.ExitCode == 0, done.ToString());
        }
        return path;
    }

    private static string RepositoryRoot => ServiceAccountSpecs.RepositoryRoot;

    private static Process Orchestrator(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }
}
