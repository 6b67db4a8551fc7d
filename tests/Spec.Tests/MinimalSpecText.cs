using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

/// <summary>
/// The smallest valid spec, for tests that change one line of it: line 11 is the image and line 12 the port of
/// its one service.
/// </summary>
public static class MinimalSpecText
{
    public const string Text = """
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud}
        spec:
          domain: k8s.example.com
          nodes:
            - {name: ctl-1, roles: [controller]}
          services:
            - name: keystone
              kind: api
              image: registry.example.com/keystone:2025.1
              port: 5000
        """;

    /// <summary>The text with one piece replaced, read; the piece must be there, so a test never edits nothing.</summary>
    public static SpecLoadResult Read(string from, string to)
    {
        Assert.Contains(from, Text);
        return SpecLoader.Parse(Text.Replace(from, to));
    }
}
