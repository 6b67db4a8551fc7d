using System.Globalization;
using Orchestrator.Actors.Agent;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// systemd on the host, reached as `chroot &lt;root&gt; systemctl ...` / `journalctl`: the agent runs in the host's
/// PID namespace (hostPID), so systemctl inside the chroot talks to the host's PID 1.
/// </summary>
public sealed class ChrootSystemctl(string root, ProgramRunner runner)
{
    private const string ShownProperties = "LoadState,ActiveState,SubState,NRestarts,ExecMainStatus";

    public Task DaemonReloadAsync(CancellationToken cancellationToken) =>
        Systemctl(cancellationToken, "daemon-reload");

    public Task EnableAndStartAsync(ServiceName service, CancellationToken cancellationToken) =>
        Systemctl(cancellationToken, "enable", "--now", service.UnitName);

    public async Task RestartAsync(ServiceName service, CancellationToken cancellationToken)
    {
        await Systemctl(cancellationToken, "reset-failed", service.UnitName);
        await Systemctl(cancellationToken, "restart", service.UnitName);
    }

    public async Task StopAndDisableAsync(ServiceName service, CancellationToken cancellationToken)
    {
        var observed = await ObserveAsync(service, cancellationToken);
        if (observed.LoadState == "not-found")
            return; // already gone: a replayed removal has nothing left to stop
        await Systemctl(cancellationToken, "disable", "--now", service.UnitName);
    }

    public async Task<UnitObservation> ObserveAsync(ServiceName service, CancellationToken cancellationToken)
    {
        var output = await runner.RunCheckedAsync(
            ["chroot", root, "systemctl", "show", "-p", ShownProperties, service.UnitName], null, cancellationToken);
        var properties = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim());
        return new UnitObservation(
            properties.GetValueOrDefault("LoadState", "not-found"),
            properties.GetValueOrDefault("ActiveState", "inactive"),
            properties.GetValueOrDefault("SubState", "dead"),
            Number(properties.GetValueOrDefault("NRestarts")),
            Number(properties.GetValueOrDefault("ExecMainStatus")));
    }

    public async Task<IReadOnlyList<string>> JournalTailAsync(ServiceName service, int lines, CancellationToken cancellationToken)
    {
        var output = await runner.RunCheckedAsync(
            ["chroot", root, "journalctl", "-u", service.UnitName, "-n", lines.ToString(CultureInfo.InvariantCulture), "--no-pager", "-q", "-o", "short"],
            null, cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private Task Systemctl(CancellationToken cancellationToken, params string[] arguments) =>
        runner.RunCheckedAsync(["chroot", root, "systemctl", .. arguments], null, cancellationToken);

    private static int Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
