namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// dependsOn: every name a service of the spec, none the service itself or listed twice, and no cycle,
/// since a cycle would leave every service in it waiting for the others forever.
/// </summary>
internal static class DependencyRules
{
    /// <param name="namesKnown">False when some service's name could not be read, so a name that
    /// matches none may well be that service's.</param>
    public static void Check(IReadOnlyList<ServiceSpec> services, bool namesKnown, List<SpecError> errors)
    {
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < services.Count; i++)
            indexByName.TryAdd(services[i].Name, i);

        // edges[i]: (service it depends on, position of that name in dependsOn), only for names that resolve.
        var edges = new List<(int Target, int Position)>[services.Count];
        for (var i = 0; i < services.Count; i++)
        {
            edges[i] = [];
            var service = services[i];
            var listed = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < service.DependsOn.Count; k++)
            {
                var name = service.DependsOn[k];
                var path = SpecPath.Index(SpecPath.Index("spec.services", i) + ".dependsOn", k);
                if (name == service.Name)
                    errors.Add(new(path, "a service cannot depend on itself"));
                else if (!indexByName.TryGetValue(name, out var target))
                {
                    if (namesKnown)
                        errors.Add(new(path, $"no service named '{name}'{ClosestName.Hint(name, indexByName.Keys)}"));
                }
                else if (!listed.Add(name))
                    errors.Add(new(path, $"'{name}' is listed twice"));
                else
                    edges[i].Add((target, k));
            }
        }
        ReportCycles(services, edges, errors);
    }

    // One error per group of services that wait on each other (a strongly connected part of the graph),
    // naming the shortest cycle through its first service, at the dependsOn entry that starts it.
    private static void ReportCycles(IReadOnlyList<ServiceSpec> services, List<(int Target, int Position)>[] edges, List<SpecError> errors)
    {
        var reach = Enumerable.Range(0, services.Count).Select(i => Reachable(i, edges)).ToArray();
        var reported = new bool[services.Count];
        for (var start = 0; start < services.Count; start++)
        {
            if (reported[start] || !reach[start].Contains(start)) continue;
            for (var other = 0; other < services.Count; other++)
                if (reach[start].Contains(other) && reach[other].Contains(start))
                    reported[other] = true;

            var cycle = ShortestCycle(start, edges);
            var names = string.Join(" -> ", cycle.Select(i => services[i].Name).Append(services[start].Name));
            var position = edges[start].First(edge => edge.Target == cycle[1 % cycle.Count]).Position;
            errors.Add(new(SpecPath.Index(SpecPath.Index("spec.services", start) + ".dependsOn", position),
                $"dependency cycle: {names}"));
        }
    }

    private static HashSet<int> Reachable(int from, List<(int Target, int Position)>[] edges)
    {
        var seen = new HashSet<int>();
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.Count > 0)
            foreach (var (target, _) in edges[queue.Dequeue()])
                if (seen.Add(target))
                    queue.Enqueue(target);
        return seen;
    }

    /// <summary>The services of the shortest cycle through <paramref name="start"/>, beginning with it.</summary>
    private static List<int> ShortestCycle(int start, List<(int Target, int Position)>[] edges)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (target, _) in edges[current])
            {
                if (target == start)
                {
                    var cycle = new List<int>();
                    for (var at = current; at != start; at = parent[at]) cycle.Add(at);
                    cycle.Add(start);
                    cycle.Reverse();
                    return cycle;
                }
                if (parent.TryAdd(target, current)) queue.Enqueue(target);
            }
        }
        return [start];
    }
}
