using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Host;

namespace Orchestrator.Agent.Tests.Host;

public sealed class PathSafetySpecs : IDisposable
{
    private readonly TemporaryRoot _host = new();
    private readonly ServiceName _nova = ServiceName.Parse("nova-compute");

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("../etc")]
    [InlineData("nova/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("Nova")]
    [InlineData("nova_compute")]
    [InlineData("1nova")]
    [InlineData("nova-")]
    [InlineData("")]
    [InlineData("nova.service")]
    [InlineData("a-very-long-name-that-goes-on-and-on-past-the-dns-label-limit-of-63")]
    public void Hostile_service_names_are_refused(string name)
    {
        Assert.False(ServiceName.TryParse(name, out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Theory]
    [InlineData("../passwd")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("sub/file")]
    [InlineData("/etc/shadow")]
    [InlineData(".hidden")]
    public void Config_file_names_that_leave_the_folder_are_refused(string name)
    {
        var files = new ServiceFiles(new HostRoot(_host.Root));

        var error = Assert.Throws<HostSafetyException>(() => files.WriteConfiguration(_nova, [new ConfigFile(name, [1], false)]));

        Assert.Contains("not a plain file name", error.Message);
        Assert.False(Directory.Exists(_host.In("etc", "nova-compute", "sub")));
        Assert.Empty(_host.WrittenOutside());
    }

    [Fact]
    public void A_symlink_planted_at_the_service_config_folder_stops_the_write()
    {
        File.CreateSymbolicLink(_host.In("etc", "nova-compute"), _host.Outside);
        var files = new ServiceFiles(new HostRoot(_host.Root));

        var error = Assert.Throws<HostSafetyException>(() => files.WriteConfiguration(_nova, [new ConfigFile("nova.conf", [1], false)]));

        Assert.Contains("etc/nova-compute: is a symlink", error.Message);
        Assert.Empty(_host.WrittenOutside());
    }

    [Fact]
    public void A_symlink_planted_at_opt_stops_the_copy_even_when_it_points_inside_the_root()
    {
        File.CreateSymbolicLink(_host.In("opt"), "/etc");
        var copy = new SourceCopy(new HostRoot(_host.Root));

        var error = Assert.Throws<HostSafetyException>(() => copy.Install(_nova, _host.Source(("bin/run", "#!/bin/sh"))));

        Assert.Contains("opt: is a symlink", error.Message);
        Assert.False(Directory.Exists(_host.In("etc", "nova-compute")));
    }

    [Fact]
    public void A_symlink_planted_at_the_unit_folder_stops_the_unit_write()
    {
        Directory.Delete(_host.In("usr", "lib", "systemd", "system"));
        File.CreateSymbolicLink(_host.In("usr", "lib", "systemd", "system"), _host.Outside);
        var files = new ServiceFiles(new HostRoot(_host.Root));

        Assert.Throws<HostSafetyException>(() => files.WriteUnitFile(_nova, "[Service]\n"));

        Assert.Empty(_host.WrittenOutside());
    }

    [Fact]
    public void The_merged_usr_lib_link_is_followed_inside_the_root()
    {
        var files = new ServiceFiles(new HostRoot(_host.Root));

        files.WriteUnitFile(_nova, "[Service]\nExecStart=/opt/nova-compute/bin/run\n");

        Assert.Equal("[Service]\nExecStart=/opt/nova-compute/bin/run\n", File.ReadAllText(_host.In("usr", "lib", "systemd", "system", "nova-compute.service")));
    }

    [Fact]
    public void A_root_lib_link_that_leads_out_is_refused()
    {
        File.Delete(_host.In("lib"));
        File.CreateSymbolicLink(_host.In("lib"), _host.Outside);
        var files = new ServiceFiles(new HostRoot(_host.Root));

        var error = Assert.Throws<HostSafetyException>(() => files.WriteUnitFile(_nova, "[Service]\n"));

        Assert.Contains("only the root's merged-/usr links are followed", error.Message);
        Assert.Empty(_host.WrittenOutside());
    }

    [Fact]
    public void A_symlink_planted_as_the_unit_file_is_replaced_not_followed()
    {
        var victim = Path.Combine(_host.Outside, "victim");
        File.WriteAllText(victim, "untouched");
        File.CreateSymbolicLink(_host.In("usr", "lib", "systemd", "system", "nova-compute.service"), victim);
        var files = new ServiceFiles(new HostRoot(_host.Root));

        files.WriteUnitFile(_nova, "[Service]\n");

        Assert.Equal("untouched", File.ReadAllText(victim));
        Assert.Null(new FileInfo(_host.In("lib", "systemd", "system", "nova-compute.service")).LinkTarget);
    }

    [Fact]
    public void A_source_symlink_that_leads_out_is_refused_and_nothing_is_installed()
    {
        var source = _host.Source(("bin/run", "#!/bin/sh"));
        File.CreateSymbolicLink(Path.Combine(source, "escape"), "../../outside");
        var copy = new SourceCopy(new HostRoot(_host.Root));

        var error = Assert.Throws<HostSafetyException>(() => copy.Install(_nova, source));

        Assert.Contains("escape: symlink", error.Message);
        Assert.False(Directory.Exists(_host.In("opt", "nova-compute")));
    }

    [Theory]
    [InlineData("relative/source")]
    [InlineData("/artifacts/../etc")]
    public void A_source_path_that_is_relative_or_climbs_is_refused(string source)
    {
        var copy = new SourceCopy(new HostRoot(_host.Root));

        Assert.Throws<HostSafetyException>(() => copy.Install(_nova, source));
    }

    [Fact]
    public void Secret_files_are_written_with_mode_0600_and_config_files_0644()
    {
        var files = new ServiceFiles(new HostRoot(_host.Root));

        files.WriteConfiguration(_nova, [new ConfigFile("nova.conf", "[DEFAULT]"u8.ToArray(), false), new ConfigFile("db-password", "s3cret"u8.ToArray(), true)]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_host.In("etc", "nova-compute", "db-password")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(_host.In("etc", "nova-compute", "nova.conf")));
    }

    [Fact]
    public void Config_files_gone_from_the_config_map_are_removed_and_leftover_temporaries_cleaned()
    {
        var files = new ServiceFiles(new HostRoot(_host.Root));
        files.WriteConfiguration(_nova, [new ConfigFile("a.conf", [1], false), new ConfigFile("b.conf", [2], false)]);
        File.WriteAllText(_host.In("etc", "nova-compute", ".a.conf.tmp-deadbeef"), "half");

        files.WriteConfiguration(_nova, [new ConfigFile("a.conf", [1], false)]);

        Assert.Equal(["a.conf"], Directory.EnumerateFileSystemEntries(_host.In("etc", "nova-compute")).Select(Path.GetFileName));
    }

    [Fact]
    public void An_unchanged_source_is_not_rewritten_and_a_changed_one_keeps_unchanged_files_inodes()
    {
        var copy = new SourceCopy(new HostRoot(_host.Root));
        var source = _host.Source(("bin/run", "#!/bin/sh\necho v1"), ("lib/big.py", "print(1)"));
        Assert.True(copy.Install(_nova, source));
        var before = Inode(_host.In("opt", "nova-compute", "lib", "big.py"));

        Assert.False(copy.Install(_nova, source));
        File.WriteAllText(Path.Combine(source, "bin", "run"), "#!/bin/sh\necho v2");
        Assert.True(copy.Install(_nova, source));

        Assert.Equal("#!/bin/sh\necho v2", File.ReadAllText(_host.In("opt", "nova-compute", "bin", "run")));
        Assert.Equal(before, Inode(_host.In("opt", "nova-compute", "lib", "big.py")));
        Assert.Equal(["nova-compute"], Directory.EnumerateFileSystemEntries(_host.In("opt")).Select(Path.GetFileName));
    }

    [Fact]
    public void Files_removed_from_the_source_disappear_from_opt()
    {
        var copy = new SourceCopy(new HostRoot(_host.Root));
        var source = _host.Source(("bin/run", "x"), ("old.py", "y"));
        copy.Install(_nova, source);
        File.Delete(Path.Combine(source, "old.py"));

        copy.Install(_nova, source);

        Assert.False(File.Exists(_host.In("opt", "nova-compute", "old.py")));
    }

    [Fact]
    public void Removal_deletes_a_planted_link_itself_never_what_it_points_to()
    {
        var victim = Path.Combine(_host.Outside, "keep");
        File.WriteAllText(victim, "keep");
        Directory.CreateDirectory(_host.In("opt"));
        File.CreateSymbolicLink(_host.In("opt", "nova-compute"), _host.Outside);
        var files = new ServiceFiles(new HostRoot(_host.Root));

        Assert.Throws<HostSafetyException>(() => files.Remove(_nova));

        Assert.Equal("keep", File.ReadAllText(victim));
    }

    [Fact]
    public void Removal_of_a_service_leaves_other_services_files_alone()
    {
        var root = new HostRoot(_host.Root);
        var files = new ServiceFiles(root);
        var other = ServiceName.Parse("nova");
        files.WriteUnitFile(_nova, "[Service]\n");
        files.WriteUnitFile(other, "[Service]\n");
        new SourceCopy(root).Install(other, _host.Source(("run", "x")));

        files.Remove(_nova);

        Assert.True(File.Exists(_host.In("lib", "systemd", "system", "nova.service")));
        Assert.True(File.Exists(_host.In("opt", "nova", "run")));
        Assert.False(File.Exists(_host.In("lib", "systemd", "system", "nova-compute.service")));
    }

    /// <summary>The file's inode, from stat(1): the same inode means the file was not rewritten.</summary>
    private static long Inode(string path)
    {
        var stat = new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(stat)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
