using Orchestrator.Actors.Agent;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>
/// The "virtualenv" of the real-systemd tests: a shell script that logs its configuration, exits with the code
/// in /etc/&lt;service&gt;/fail when that file exists, and otherwise stays up.
/// </summary>
public static class DemoService
{
    public static string Source(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "bin"));
        var script = Path.Combine(folder, "bin", "run");
        File.WriteAllText(script, """
            #!/bin/sh
            service=$(basename "$(dirname "$(dirname "$0")")")
            echo "demo started with $(cat /etc/$service/demo.conf 2>/dev/null)"
            [ -f /etc/$service/password ] && echo "connecting with password $(cat /etc/$service/password)"
            [ -f /etc/$service/fail ] && exit "$(cat /etc/$service/fail)"
            exec sleep infinity
            """.Replace("\r", ""));
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        return Path.GetFullPath(folder);
    }

    public static string Unit(ServiceName service, string restart = "on-failure") => $"""
        [Unit]
        Description=orchestrator test unit {service}

        [Service]
        ExecStart=/opt/{service}/bin/run
        Restart={restart}
        RestartSec=200ms

        [Install]
        WantedBy=multi-user.target

        """;
}
