namespace Orchestrator.Cli;

/// <summary>
/// A failure no command foresaw, told in one line: the messages down the chain of causes (wrappers such as
/// AggregateException and TargetInvocationException skipped, repeats dropped), never a stack trace.
/// </summary>
public static class UnexpectedFailure
{
    public static string Describe(Exception error)
    {
        var messages = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && current.InnerException is not null)
                continue;
            var message = current.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 0 && !messages.Any(m => m.Contains(message, StringComparison.Ordinal)))
                messages.Add(message);
        }
        return messages.Count == 0 ? error.GetType().Name : string.Join(": ", messages);
    }
}
