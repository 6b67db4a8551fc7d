using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Rendering;
using Orchestrator.Adapters.Host;

namespace Orchestrator.Agent.Tests.Host;

/// <summary>
/// The agent copies sources only from the folders its DaemonSet names (`--source-root`, /artifacts as rendered): a
/// HostUnits object naming anything else of its container (its /etc, a mounted token) is refused with the reason, and
/// so is a folder under a root that leads by a link out of every root.
/// </summary>
public sealed class SourceRootSpecs : IDisposable
{
    private readonly TemporaryRoot _host = new();
    private readonly ServiceName _nova = ServiceName.Parse("nova-compute");
    private readonly string _artifacts;
    private readonly SourceCopy _copy;

    public SourceRootSpecs()
    {
        _artifacts = Directory.CreateDirectory(Path.Combine(_host.Folder, "artifacts")).FullName;
        // As the real agent: sources are paths of its own filesystem ("/"), allowed only under its roots.
        _copy = new SourceCopy(new HostRoot(_host.Root), "/", [_artifacts]);
    }

    public void Dispose() => _host.Dispose();

    private string Folder(string under, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(under, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "run"), "x");
        return folder;
    }

    private bool Installed => Directory.Exists(_host.In("opt", "nova-compute"));

    [Fact]
    public void A_source_under_an_allowed_root_is_copied()
    {
        var source = Folder(_artifacts, "nova");

        Assert.True(_copy.Install(_nova, source));

        Assert.Equal("x", File.ReadAllText(_host.In("opt", "nova-compute", "run")));
    }

    [Fact]
    public void A_source_outside_every_allowed_root_is_refused_naming_the_roots()
    {
        var source = Folder(_host.Outside, "etc");

        var error = Assert.Throws<HostSafetyException>(() => _copy.Install(_nova, source));

        Assert.Equal($"source \"{source}\": outside the agent's source roots; it may copy from {_artifacts} only (--source-root)", error.Message);
        Assert.False(Installed);
    }

    [Fact]
    public void A_folder_under_a_root_that_links_out_of_it_is_refused_where_it_leads()
    {
        var elsewhere = Folder(_host.Outside, "secrets");
        File.CreateSymbolicLink(Path.Combine(_artifacts, "nova"), elsewhere);

        var error = Assert.Throws<HostSafetyException>(() => _copy.Install(_nova, Path.Combine(_artifacts, "nova")));

        Assert.Contains($"outside the agent's source roots (it leads to {elsewhere})", error.Message);
        Assert.False(Installed);
    }

    [Fact]
    public void The_rendered_DaemonSet_and_the_agent_agree_on_the_root() =>
        Assert.Equal("/artifacts", NodeAgentRenderer.SourceRoot);
}
