using System.Diagnostics;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>
/// A Debian root booted with systemd as PID 1 (systemd-nspawn), as a host for the agent. The cached root of
/// tests/prepare/host-root.sh is the lower layer of an overlay, so every run starts from it clean. systemd's
/// private socket is bound to a folder that is also mounted at &lt;root&gt;/run/systemd, so
/// `chroot &lt;root&gt; systemctl` from the container's PID namespace reaches PID 1 as on a real host.
/// Disposal always powers it off and unmounts what it mounted.
/// </summary>
public sealed class SystemdContainer : IAsyncLifetime
{
    private const string DefaultCache = "/var/cache/orchestrator-tests/bookworm-root";
    private readonly string _folder = Directory.CreateTempSubdirectory("agent-systemd-").FullName;
    private readonly List<string> _mounted = [];
    private Process? _nspawn;

    public string Root => Path.Combine(_folder, "merged");

    /// <summary>The container's PID 1 as the machine sees it; `nsenter -t` it to be in its PID namespace.</summary>
    public int LeaderPid { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            await BootAsync();
        }
        catch
        {
            await DisposeAsync(); // a half-booted container is still powered off and unmounted
            throw;
        }
    }

    private async Task BootAsync()
    {
        var cache = Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_HOST_ROOT") ?? DefaultCache;
        if (!File.Exists(Path.Combine(cache, ".orchestrator-complete")))
            throw new InvalidOperationException($"no systemd root at {cache}: run tests/prepare/host-root.sh (as root) first");
        foreach (var part in new[] { "upper", "work", "merged", "run-systemd" })
            Directory.CreateDirectory(Path.Combine(_folder, part));
        await Mount("-t", "overlay", "overlay", "-o",
            $"lowerdir={cache},upperdir={Path.Combine(_folder, "upper")},workdir={Path.Combine(_folder, "work")}", Root);
        var runSystemd = Path.Combine(_folder, "run-systemd");
        Directory.CreateDirectory(Path.Combine(Root, "run", "systemd"));
        await Mount("--bind", runSystemd, Path.Combine(Root, "run", "systemd"));

        var start = new ProcessStartInfo("systemd-nspawn")
        {
            ArgumentList = { "-D", Root, "-b", "--register=no", "--keep-unit", "--console=passive", $"--bind={runSystemd}:/run/systemd" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _nspawn = Process.Start(start)!;
        _nspawn.OutputDataReceived += (_, _) => { };
        _nspawn.ErrorDataReceived += (_, _) => { };
        _nspawn.BeginOutputReadLine();
        _nspawn.BeginErrorReadLine();

        await Eventually.Get(() => Task.FromResult(File.Exists(Path.Combine(runSystemd, "private")) || _nspawn.HasExited), ready => ready,
            "systemd's private socket appearing", TimeSpan.FromSeconds(30));
        if (_nspawn.HasExited)
            throw new InvalidOperationException($"systemd-nspawn exited {_nspawn.ExitCode}");
        // nspawn forks a short-lived outer child first; the leader is the child that runs systemd.
        LeaderPid = await Eventually.Get(() => Task.FromResult(SystemdChildOf(_nspawn.Id)), pid => pid > 0,
            "the container's systemd", TimeSpan.FromSeconds(30));
        // "running" or "degraded" (a container lacks some hardware units): either way PID 1 has finished booting.
        await Commands.RunAsync(InContainer("chroot", Root, "systemctl", "is-system-running", "--wait"));
    }

    /// <summary>The command prefixed to run in the container's PID namespace, as the agent runs with hostPID.</summary>
    public string[] InContainer(params string[] command) =>
        ["nsenter", "-t", LeaderPid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-p", "--", .. command];

    public Task<string> Systemctl(params string[] arguments) => Commands.RunCheckedAsync(InContainer(["chroot", Root, "systemctl", .. arguments]));

    /// <summary>The machine's pid of a process the container knows by this pid (the last NSpid field).</summary>
    public static int HostPidOf(int containerPid)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var line = ReadStatus(folder).FirstOrDefault(entry => entry.StartsWith("NSpid:", StringComparison.Ordinal));
            var pids = line?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            if (pids is { Length: > 1 } && pids[^1] == containerPid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return int.Parse(pids[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    public async Task DisposeAsync()
    {
        if (!Directory.Exists(_folder))
            return; // already taken down
        if (_nspawn is { HasExited: false })
        {
            // SIGTERM asks nspawn to power the container off cleanly; SIGKILL only if it does not within the bound.
            await Commands.RunAsync("kill", "-TERM", _nspawn.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _nspawn.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                _nspawn.Kill(entireProcessTree: true);
                await _nspawn.WaitForExitAsync();
            }
        }
        _nspawn?.Dispose();
        foreach (var mount in Enumerable.Reverse(_mounted))
        {
            if ((await Commands.RunAsync("umount", mount)).ExitCode != 0)
                await Commands.RunAsync("umount", "-l", mount);
        }
        Directory.Delete(_folder, recursive: true);
    }

    private async Task Mount(params string[] arguments)
    {
        await Commands.RunCheckedAsync(["mount", .. arguments]);
        _mounted.Add(arguments[^1]);
    }

    private static int SystemdChildOf(int pid)
    {
        var text = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var children = Path.Combine("/proc", text, "task", text, "children");
        var listed = File.Exists(children) ? File.ReadAllText(children) : "";
        foreach (var child in listed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comm = Path.Combine("/proc", child, "comm");
            if (File.Exists(comm) && File.ReadAllText(comm).Trim() == "systemd")
                return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    private static string[] ReadStatus(string folder)
    {
        try
        {
            return File.ReadAllLines(Path.Combine(folder, "status"));
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
