using System.Net;
using k8s.Autorest;

namespace Orchestrator.Actors.Supervision;

/// <summary>How the supervisors read a failed API call: what to tell a person, and whether retrying can ever help.</summary>
public static class ApiFailure
{
    /// <summary>The API refused the request itself (an invalid object): the same request will be refused again.</summary>
    public static bool IsPermanent(Exception error) => error is ApiRefusedException
        or HttpOperationException { Response.StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity };

    /// <summary>A one-line reason; for HTTP errors the status and the API's message, which names objects, never secret values.</summary>
    public static string Describe(Exception error) => error switch
    {
        HttpOperationException http => $"HTTP {(int)http.Response.StatusCode} {FirstLine(http.Response.Content) ?? http.Response.ReasonPhrase}",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        ApiRefusedException refused => refused.Message,
        _ => $"{error.GetType().Name}: {FirstLine(error.Message)}",
    };

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
