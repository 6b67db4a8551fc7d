using System.Text;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Converge;

/// <summary>
/// A generated OpenStackDeployment in dependency levels: <see cref="Levels"/> levels of <see cref="ServicesPerLevel"/>
/// services, pinned (StatefulSet of 2) and API (Deployment of 2) in turn, each depending on two services of the level
/// before, so the longest `dependsOn` chain is <see cref="Levels"/> long; with <see cref="HostService"/>, a host service on
/// every compute node joins the last level. Controller nodes carry the pods; compute nodes carry the host service.
/// </summary>
public sealed record LayeredCloud(int Levels, int ServicesPerLevel, int ControllerNodes, int ComputeNodes, bool HostService)
{
    public int Services => Levels * ServicesPerLevel + (HostService ? 1 : 0);

    public int Nodes => ControllerNodes + ComputeNodes;

    public override string ToString() =>
        $"{Services} services in {Levels} dependency levels, {Nodes} nodes ({ControllerNodes} controller, {ComputeNodes} compute)"
        + (HostService ? ", a host service on every compute node" : "");

    /// <summary>Writes the spec to <paramref name="file"/> and, for the host service, its source under <paramref name="artifacts"/>.</summary>
    public OpenStackDeployment Write(string file, string artifacts)
    {
        var text = new StringBuilder($$"""
            apiVersion: openstack.orchestrator.io/v1alpha1
            kind: OpenStackDeployment
            metadata: {name: layered, namespace: layered}
            spec:
              domain: layered.example.com
              tls: {secretName: tls-ingress, generate: true}
              nodes:

            """);
        for (var n = 1; n <= ControllerNodes; n++)
            text.AppendLine($"    - {{name: ctl-{n}, roles: [controller]}}");
        for (var n = 1; n <= ComputeNodes; n++)
            text.AppendLine($"    - {{name: cmp-{n}, roles: [compute]}}");
        text.AppendLine("  services:");
        for (var level = 1; level <= Levels; level++)
            for (var i = 0; i < ServicesPerLevel; i++)
            {
                var dependsOn = level == 1 ? "" : $", dependsOn: [{Name(level - 1, i)}, {Name(level - 1, (i + 1) % ServicesPerLevel)}]";
                var kind = i % 2 == 0 ? "kind: pinned" : $"kind: api, port: {5000 + level * 100 + i}";
                text.AppendLine($"    - {{name: {Name(level, i)}, {kind}, image: \"registry.example.com/l{level}:2025.1\", replicas: 2{dependsOn}, "
                    + $"config: {{service.conf: \"[DEFAULT]\\nlevel = {level}\\n\"}}}}");
            }
        if (HostService)
        {
            text.AppendLine($"    - {{name: compute-agent, kind: host, role: compute, source: /artifacts/compute-agent, "
                + $"dependsOn: [{Name(Levels - 1, 0)}], config: {{agent.conf: \"[DEFAULT]\\n\"}}, "
                + "unit: \"[Unit]\\nDescription=compute agent\\n[Service]\\nExecStart=/opt/compute-agent/bin/compute-agent\\n\"}");
            var bin = Path.Combine(artifacts, "artifacts", "compute-agent", "bin");
            Directory.CreateDirectory(bin);
            var program = Path.Combine(bin, "compute-agent");
            File.WriteAllText(program, "#!/bin/sh\nexec sleep infinity\n");
            // The simulated systemd starts a unit only when ExecStart names an executable file, as systemd does.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                    | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        return GeneratedSpec.Write(file, text.ToString(), "the generated spec");
    }

    private static string Name(int level, int index) => $"l{level}-s{index}";
}
