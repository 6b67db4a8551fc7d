using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Host;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Agent.Tests.Host;

/// <summary>
/// The one source rule, applied again by the agent: no "/" in disguise, no NUL, and neither the folder nor any parent
/// may lead through a link out of the sources root; hard links are copied as content. Unit text: no NUL, at most 64 KiB.
/// </summary>
public sealed class SourceRuleSpecs : IDisposable
{
    private readonly TemporaryRoot _host = new();
    private readonly ServiceName _nova = ServiceName.Parse("nova-compute");
    private readonly string _artifacts;
    private readonly SourceCopy _copy;

    public SourceRuleSpecs()
    {
        _artifacts = Directory.CreateDirectory(Path.Combine(_host.Folder, "artifacts")).FullName;
        _copy = new SourceCopy(new HostRoot(_host.Root), _artifacts);
    }

    public void Dispose() => _host.Dispose();

    private string Artifact(string relative, params (string Name, string Content)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_artifacts, relative)).FullName;
        foreach (var (name, content) in files)
            File.WriteAllText(Path.Combine(folder, name), content);
        return folder;
    }

    private bool Installed => Directory.Exists(_host.In("opt", "nova-compute"));

    [Theory]
    [InlineData("/./")]
    [InlineData("//")]
    [InlineData("/.")]
    [InlineData("/nova\0compute")]
    [InlineData("/nova/../..")]
    public void A_source_that_is_root_in_disguise_or_holds_NUL_is_refused(string source)
    {
        Artifact("nova", ("run", "x"));

        Assert.Throws<HostSafetyException>(() => _copy.Install(_nova, source));

        Assert.False(Installed);
    }

    [Fact]
    public void A_source_folder_that_is_a_link_out_of_the_root_is_refused()
    {
        File.WriteAllText(Path.Combine(_host.Outside, "secret"), "outside");
        File.CreateSymbolicLink(Path.Combine(_artifacts, "nova"), _host.Outside);

        var error = Assert.Throws<HostSafetyException>(() => _copy.Install(_nova, "/nova"));

        Assert.Contains("outside the sources root", error.Message);
        Assert.False(Installed);
    }

    [Fact]
    public void A_source_with_a_parent_linked_out_of_the_root_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(_host.Outside, "nova"));
        File.WriteAllText(Path.Combine(_host.Outside, "nova", "secret"), "outside");
        File.CreateSymbolicLink(Path.Combine(_artifacts, "images"), "../outside");

        var error = Assert.Throws<HostSafetyException>(() => _copy.Install(_nova, "/images/nova"));

        Assert.Contains("outside the sources root", error.Message);
        Assert.False(Installed);
    }

    [Fact]
    public void A_source_linked_to_another_folder_inside_the_root_is_copied()
    {
        Artifact("releases/2025.1/nova", ("run", "#!/bin/sh"));
        File.CreateSymbolicLink(Path.Combine(_artifacts, "nova"), "releases/2025.1/nova");

        Assert.True(_copy.Install(_nova, "/nova/"));

        Assert.Equal("#!/bin/sh", File.ReadAllText(_host.In("opt", "nova-compute", "run")));
    }

    [Fact]
    public void A_hard_linked_source_file_is_copied_as_content_not_as_a_link()
    {
        var outsideFile = Path.Combine(_host.Outside, "shared");
        File.WriteAllText(outsideFile, "v1");
        var source = Artifact("nova");
        using (var ln = System.Diagnostics.Process.Start("ln", [outsideFile, Path.Combine(source, "shared")])!)
            ln.WaitForExit();
        Assert.Equal("v1", File.ReadAllText(Path.Combine(source, "shared")));

        _copy.Install(_nova, "/nova");
        File.AppendAllText(outsideFile, " changed outside");

        Assert.Equal("v1", File.ReadAllText(_host.In("opt", "nova-compute", "shared")));
    }

    [Fact]
    public void A_missing_source_folder_is_named()
    {
        var error = Assert.Throws<HostSafetyException>(() => _copy.Install(_nova, "/nowhere"));

        Assert.Contains("no such folder", error.Message);
    }

    private static HostUnitSpec Unit(string source = "/artifacts/nova", string unit = "[Service]\nExecStart=/bin/true\n") =>
        new("nova-compute", "openstack", source, unit, "", "", true, [], "hash");

    [Theory]
    [InlineData("/./", "source: ")]
    [InlineData("/a\0b", "source: must not hold a NUL character")]
    public void The_agent_refuses_a_source_by_the_spec_rule(string source, string reason) =>
        Assert.Contains(HostUnitValidation.Check(Unit(source: source)), error => error.StartsWith(reason, StringComparison.Ordinal));

    [Fact]
    public void The_agent_refuses_a_unit_with_NUL() =>
        Assert.Contains("unit: must not hold a NUL character", HostUnitValidation.Check(Unit(unit: "[Service]\nExecStart=/bin/true\0\n")));

    [Fact]
    public void The_agent_refuses_a_unit_over_64_KiB() =>
        Assert.Contains(HostUnitValidation.Check(Unit(unit: "[Service]\nExecStart=/bin/true\n#" + new string('x', 1 << 20))),
            error => error.StartsWith("unit: is ", StringComparison.Ordinal) && error.Contains("at most 65536 bytes"));
}
