using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// Events of the real journaled types, shaped as a ServiceSupervisor persists them (a service's life from spec to
/// Ready, repeated), so that the bench's payloads go through the project's real event serializer at a real size.
/// </summary>
public static class BenchEvents
{
    public static IReadOnlyList<IServiceEvent> Make(int count)
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new List<IServiceEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var service = "nova-api-" + (i % 40);
            var hash = (0x3f2a9c1du + (uint)i).ToString("x8");
            at = at.AddMilliseconds(250);
            events.Add((i % 5) switch
            {
                0 => new ServiceSpecChanged(service, ServiceKind.Api, hash, hash[..6],
                    new Dictionary<string, string> { ["nova.conf"] = hash, ["api-paste.ini"] = "9c1d" + hash[4..], ["db-password"] = "secret-hash-" + hash[..4] },
                    ["node-1", "node-2", "node-3"], $"config nova.conf hash 3f2a -> {hash[..4]}", at),
                1 => new ServiceApplyStarted(service, hash, "dependencies keystone, mariadb ready", at),
                2 => new ServiceObjectsApplied(service, hash, 3, "3 of 5 objects differed from the server", at),
                3 => new ServiceRollingOut(service, "deployment nova-api: 1 of 3 replicas run the current hash", at),
                _ => new ServiceBecameReady(service, "deployment nova-api: 3 of 3 replicas ready on the current hash", at),
            });
        }
        return events;
    }
}
