namespace Orchestrator.Hosting;

/// <summary>
/// The PostgreSQL journal's password from outside the command line, where `ps` and a pod spec would show it:
/// `--journal-password-file FILE` (a mounted Secret), else the environment variable
/// ORCHESTRATOR_JOURNAL_PASSWORD (a Secret's env). A password inside the --journal URL still works, and wins.
/// </summary>
public static class JournalPassword
{
    public const string EnvironmentVariable = "ORCHESTRATOR_JOURNAL_PASSWORD";
    public const string FileOption = "--journal-password-file";

    /// <summary>The password (null when none is given) or an error naming the option (never the file's content).</summary>
    public static (string? Password, string? Error) Resolve(string? passwordFile, Func<string, string?> environment)
    {
        if (passwordFile is not null)
        {
            try
            {
                // A Secret mounted as a file often ends in a newline that is not part of the password.
                return (File.ReadAllText(passwordFile).TrimEnd('\r', '\n'), null);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return (null, $"{FileOption}: cannot read {Path.GetFullPath(passwordFile)} ({error.GetType().Name})");
            }
        }
        return (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null, null);
    }

    /// <summary>Parses --journal with the password from the file or the environment.</summary>
    public static (JournalLocation? Location, string? Error) Locate(string journal, string? passwordFile)
    {
        var (password, error) = Resolve(passwordFile, Environment.GetEnvironmentVariable);
        return error is not null ? (null, error) : JournalLocation.Parse(journal, password);
    }
}
