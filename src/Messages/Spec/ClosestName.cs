namespace Orchestrator.Messages.Spec;

/// <summary>Finds the known name a typo most likely meant, for "did you mean 'port'?" hints.</summary>
public static class ClosestName
{
    /// <summary>The candidate nearest to <paramref name="given"/> (case ignored), or null when none is close.</summary>
    public static string? Among(string given, IEnumerable<string> candidates)
    {
        // One edit for the shortest words, otherwise two or a third of the length: enough for "prot" to
        // reach "ports", too little for unrelated words of the same length.
        var allowed = given.Length <= 3 ? 1 : Math.Max(2, given.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == given ? null : best;
    }

    /// <summary>" (did you mean 'x'?)" or nothing, to append to a reason.</summary>
    public static string Hint(string given, IEnumerable<string> candidates) =>
        Among(given, candidates) is { } match ? $" (did you mean '{match}'?)" : "";

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    // neighbours each cost one, so "prot" is one edit from "port".
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
