namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// One operation of the port as the logs describe it (verb, kind, namespace, name) and how many HTTP requests it
/// took, retries and re-reads included. Never holds the object's content, so it can be logged whole.
/// </summary>
public sealed class ApiCall(string verb, string kind, string? @namespace, string? name)
{
    private int attempts;

    public string Verb { get; } = verb;
    public string Kind { get; } = kind;
    public string? Namespace { get; } = @namespace;
    public string? Name { get; } = name;
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The object as logs name it: "ns/name", a cluster-scoped "name", or "(all)" for a list or watch.</summary>
    public string Object => Namespace is null ? Name ?? "(all)" : $"{Namespace}/{Name ?? "(all)"}";

    public void CountAttempt() => Interlocked.Increment(ref attempts);

    public override string ToString() => $"{Verb} {Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}
