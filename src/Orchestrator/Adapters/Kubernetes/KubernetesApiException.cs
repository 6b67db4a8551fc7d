using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// A call the API server refused, or one that kept failing until its retry budget ran out. The message names
/// the call, the HTTP status, the server's reason and the fields it objected to, and never the server's message
/// or body: those may quote the object, and a ConfigMap or Secret may hold passwords.
/// </summary>
public sealed class KubernetesApiException : Exception
{
    private KubernetesApiException(ApiCall call, HttpStatusCode? statusCode, string? reason, string message, Exception? transportFailure)
        : base(message, transportFailure)
    {
        Call = call;
        StatusCode = statusCode;
        Reason = reason;
    }

    public ApiCall Call { get; }

    /// <summary>The HTTP status, or null when no answer came (transport failures, timeouts).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Status reason the server gave (AlreadyExists, Conflict, Invalid, Expired, ...), if any.</summary>
    public string? Reason { get; }

    public static KubernetesApiException From(ApiCall call, Exception failure)
    {
        if (failure is not HttpOperationException { Response: { } response })
        {
            // Transport failures carry no server content, so they may travel as the inner exception.
            return new KubernetesApiException(call, null, null, $"{call}: no answer from the API server after {call.Attempts} attempt(s) ({failure.GetType().Name})", failure);
        }

        var status = ReadStatus(response.Content);
        var fields = status?.Details?.Causes?
            .Where(cause => !string.IsNullOrEmpty(cause.Field))
            .Select(cause => $"{cause.Field} ({cause.Reason})")
            .ToList() ?? [];
        var message = $"{call}: {(int)response.StatusCode} {status?.Reason ?? response.ReasonPhrase}"
            + (fields.Count > 0 ? ": " + string.Join(", ", fields) : "");
        // The HttpOperationException is not kept as the inner exception: its message quotes the response body.
        return new KubernetesApiException(call, response.StatusCode, status?.Reason, message, null);
    }

    public static KubernetesApiException ConflictsPersisted(ApiCall call, int attempts) =>
        new(call, HttpStatusCode.Conflict, "Conflict", $"{call}: still conflicting after {attempts} re-reads", null);

    public static KubernetesApiException Missing(ApiCall call) =>
        new(call, HttpStatusCode.NotFound, "NotFound", $"{call}: not found", null);

    private static V1Status? ReadStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            return KubernetesJson.Deserialize<V1Status>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
