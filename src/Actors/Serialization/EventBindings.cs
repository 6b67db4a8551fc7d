namespace Orchestrator.Actors.Serialization;

/// <summary>
/// Every journal event and snapshot type bound to the event serializer by its own name. akka.hocon binds them through
/// their interfaces (IServiceEvent, ...), but those interfaces are also IClusterMessage, bound to the message serializer,
/// and Akka takes the first binding a type is assignable to in an unordered map: a run could persist events in the
/// message format, which refuses them ("has no message manifest"). A binding of the exact type is looked up before
/// any interface, so the journal format is always the event serializer's.
/// </summary>
public static class EventBindings
{
    public static readonly string Hocon = "akka.actor.serialization-bindings {\n"
        + string.Concat(EventManifests.ByType.Keys.Concat(SnapshotManifests.ByType.Keys)
            .Select(type => $"  \"{type.FullName}, {type.Assembly.GetName().Name}\" = orchestrator-events\n"))
        + "}\n";
}
