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

    /// <summary>
    /// What the call is about, as logs name it: "ns/name" or a cluster-scoped "name"; a list or watch (whose Name is
    /// its label selector) "in ns" or "in all namespaces", with "selector ..." when it has one. Never "null/".
    /// </summary>
    public string Object => Verb is "list" or "watch"
        ? (Namespace is null ? "in all namespaces" : $"in {Namespace}") + (Name is null ? "" : $" selector {Name}")
        : Namespace is null ? Name ?? "" : $"{Namespace}/{Name}";

    public void CountAttempt() => Interlocked.Increment(ref attempts);

    public override string ToString() => $"{Verb} {Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}
