using System.Runtime.Versioning;
using Orchestrator.Actors.Agent;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// A stand-in for systemd on a simulated host (`apply --simulate`): it reads the unit files under the host root
/// at daemon-reload, and keeps each unit's state as systemd does (active, activating while Restart= brings it
/// back, failed, inactive), with NRestarts, ExecMainStatus, the start limit (5 starts in 10 s) and journal lines.
/// Its "process" runs nothing real: it starts when ExecStart names an executable file under the root, and ends
/// only when <see cref="Kill"/> says so, as a crash would.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SimulatedSystemd(HostRoot root, TimeProvider time)
{
    private const int StartLimitBurst = 5;
    private static readonly TimeSpan StartLimitInterval = TimeSpan.FromSeconds(10);
    private readonly object _lock = new();
    private readonly Dictionary<string, UnitDefinition> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnitRuntime> _units = new(StringComparer.Ordinal);

    private sealed record UnitDefinition(string ExecStart, string Restart, TimeSpan RestartDelay);

    private sealed class UnitRuntime
    {
        public string ActiveState = "inactive";
        public string SubState = "dead";
        public int NRestarts;
        public int ExecMainStatus;
        public bool Enabled;
        public DateTimeOffset? RestartAt;
        public readonly List<DateTimeOffset> Starts = [];
        public readonly List<string> Journal = [];
    }

    public void DaemonReload()
    {
        lock (_lock)
        {
            _loaded.Clear();
            var folder = root.UnitFolder(create: false);
            if (folder is null)
                return;
            foreach (var file in Directory.EnumerateFiles(folder, "*.service"))
                _loaded[Path.GetFileName(file)] = Parse(File.ReadAllLines(file));
        }
    }

    public void EnableAndStart(ServiceName service)
    {
        lock (_lock)
        {
            var unit = Loaded(service);
            unit.Enabled = true;
            if (unit.ActiveState is not ("active" or "activating"))
                Start(service, unit, explicitStart: true);
        }
    }

    public void Restart(ServiceName service)
    {
        lock (_lock)
        {
            var unit = Loaded(service);
            unit.Starts.Clear(); // reset-failed clears the start limit
            Log(unit, service, "Stopped");
            Start(service, unit, explicitStart: true);
        }
    }

    public void StopAndDisable(ServiceName service)
    {
        lock (_lock)
        {
            if (!_loaded.ContainsKey(service.UnitName) || !_units.TryGetValue(service.UnitName, out var unit))
                return;
            unit.Enabled = false;
            unit.ActiveState = "inactive";
            unit.SubState = "dead";
            unit.RestartAt = null;
            Log(unit, service, "Stopped");
        }
    }

    /// <summary>The unit's main process dies with this status, as a crash or a kill -9 (status 9) would.</summary>
    public void Kill(ServiceName service, int status = 9)
    {
        lock (_lock)
        {
            if (!_units.TryGetValue(service.UnitName, out var unit) || unit.ActiveState != "active")
                return;
            Log(unit, service, $"Main process exited, status={status}");
            Exited(service, unit, status);
        }
    }

    public UnitObservation Observe(ServiceName service)
    {
        lock (_lock)
        {
            if (!_loaded.ContainsKey(service.UnitName))
                return new UnitObservation("not-found", "inactive", "dead", 0, 0);
            var unit = Runtime(service);
            if (unit.RestartAt is { } restartAt && time.GetUtcNow() >= restartAt)
            {
                unit.RestartAt = null;
                unit.NRestarts++;
                Log(unit, service, $"Scheduled restart job, restart counter is at {unit.NRestarts}");
                Start(service, unit, explicitStart: false);
            }
            return new UnitObservation("loaded", unit.ActiveState, unit.SubState, unit.NRestarts, unit.ExecMainStatus);
        }
    }

    public IReadOnlyList<string> JournalTail(ServiceName service, int lines)
    {
        lock (_lock)
            return _units.TryGetValue(service.UnitName, out var unit) ? unit.Journal.TakeLast(lines).ToList() : [];
    }

    private void Start(ServiceName service, UnitRuntime unit, bool explicitStart)
    {
        var now = time.GetUtcNow();
        if (explicitStart)
            unit.NRestarts = 0; // as systemd: an explicit start flushes the restart counter
        unit.Starts.RemoveAll(start => now - start > StartLimitInterval);
        if (unit.Starts.Count >= StartLimitBurst)
        {
            unit.ActiveState = "failed";
            unit.SubState = "failed";
            Log(unit, service, "Start request repeated too quickly.");
            return;
        }
        unit.Starts.Add(now);
        var definition = _loaded[service.UnitName];
        var executable = definition.ExecStart.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var onHost = Path.Combine(root.Path, executable.TrimStart('/'));
        if (!executable.StartsWith('/') || !File.Exists(onHost) || (File.GetUnixFileMode(onHost) & UnixFileMode.UserExecute) == 0)
        {
            Log(unit, service, $"Failed to execute {executable}: No such file or directory");
            Exited(service, unit, 203);
            return;
        }
        unit.ActiveState = "active";
        unit.SubState = "running";
        unit.ExecMainStatus = 0;
        Log(unit, service, "Started");
    }

    private void Exited(ServiceName service, UnitRuntime unit, int status)
    {
        unit.ExecMainStatus = status;
        if (_loaded[service.UnitName].Restart is "on-failure" or "always" or "on-abnormal")
        {
            unit.ActiveState = "activating";
            unit.SubState = "auto-restart";
            unit.RestartAt = time.GetUtcNow() + _loaded[service.UnitName].RestartDelay;
        }
        else
        {
            unit.ActiveState = "failed";
            unit.SubState = "failed";
            Log(unit, service, "Failed with result 'exit-code'.");
        }
    }

    private UnitRuntime Loaded(ServiceName service) =>
        _loaded.ContainsKey(service.UnitName)
            ? Runtime(service)
            : throw new HostCommandException($"systemctl: Unit {service.UnitName} not found.");

    private UnitRuntime Runtime(ServiceName service)
    {
        if (!_units.TryGetValue(service.UnitName, out var unit))
            _units[service.UnitName] = unit = new UnitRuntime();
        return unit;
    }

    private void Log(UnitRuntime unit, ServiceName service, string message) =>
        unit.Journal.Add($"{time.GetUtcNow():MMM dd HH:mm:ss} simulated systemd[1]: {service.UnitName}: {message}");

    private static UnitDefinition Parse(IEnumerable<string> lines)
    {
        var values = lines.Select(line => line.Trim()).Where(line => line.Contains('='))
            .Select(line => line.Split('=', 2))
            .GroupBy(pair => pair[0].Trim()).ToDictionary(group => group.Key, group => group.Last()[1].Trim());
        var delay = values.GetValueOrDefault("RestartSec", "100ms");
        return new UnitDefinition(values.GetValueOrDefault("ExecStart", ""), values.GetValueOrDefault("Restart", "no"), Duration(delay));
    }

    private static TimeSpan Duration(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : double.TryParse(text.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMilliseconds(100);
}
