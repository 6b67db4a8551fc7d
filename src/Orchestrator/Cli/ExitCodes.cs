namespace Orchestrator.Cli;

/// <summary>What the process's exit code means, for every command.</summary>
public static class ExitCodes
{
    /// <summary>The work is done: the spec is valid, the deployment is Ready.</summary>
    public const int Ok = 0;

    /// <summary>The work failed or did not finish in time.</summary>
    public const int Failed = 1;

    /// <summary>The input was wrong: a bad flag, an unreadable file, an invalid spec. Nothing was applied.</summary>
    public const int BadInput = 2;
}
