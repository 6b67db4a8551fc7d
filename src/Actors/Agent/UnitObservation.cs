namespace Orchestrator.Actors.Agent;

/// <summary>
/// What systemd says of a unit (`systemctl show -p LoadState,ActiveState,SubState,NRestarts,ExecMainStatus`).
/// NRestarts counts systemd's own automatic restarts (Restart=on-failure) and is reset by an explicit start.
/// </summary>
public sealed record UnitObservation(string LoadState, string ActiveState, string SubState, int NRestarts, int ExecMainStatus)
{
    public bool IsActive => ActiveState is "active" or "reloading";

    /// <summary>systemd is bringing it back by itself (Restart=): neither up nor the agent's business yet.</summary>
    public bool IsRestartingItself => ActiveState == "activating";

    /// <summary>Down and left down: failed, or inactive although the agent wants it running.</summary>
    public bool IsDown => ActiveState is "failed" or "inactive" or "deactivating";

    public string Describe() => $"{ActiveState} ({SubState}), exit status {ExecMainStatus}";
}
