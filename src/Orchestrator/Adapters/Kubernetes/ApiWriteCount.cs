namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// The writes the adapter made that the server accepted, so that `apply -o json` can report `apiWrites` and a
/// second apply of an unchanged deployment can be seen to write nothing. Shared by every caller of one adapter.
/// </summary>
public sealed class ApiWriteCount
{
    private int creates;
    private int updates;
    private int patches;
    private int deletes;

    public int Creates => Volatile.Read(ref creates);

    /// <summary>Replacements of whole objects and of status subresources.</summary>
    public int Updates => Volatile.Read(ref updates);
    public int Patches => Volatile.Read(ref patches);
    public int Deletes => Volatile.Read(ref deletes);
    public int Total => Creates + Updates + Patches + Deletes;

    internal void CountCreate() => Interlocked.Increment(ref creates);
    internal void CountUpdate() => Interlocked.Increment(ref updates);
    internal void CountPatch() => Interlocked.Increment(ref patches);
    internal void CountDelete() => Interlocked.Increment(ref deletes);
}
