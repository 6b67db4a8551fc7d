namespace Orchestrator.Actors.Agent;

/// <summary>Where a unit is in install -> start -> watch, or in its removal.</summary>
public enum UnitPhase
{
    Absent,
    Installing,
    Starting,
    Running,
    Removing,
    Removed,
}
