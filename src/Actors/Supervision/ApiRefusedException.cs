namespace Orchestrator.Actors.Supervision;

/// <summary>
/// The API refused a request for good (400 Bad Request, 422 Invalid): the same request will be refused again,
/// so the supervisors stop retrying and mark the service Failed with this message (which names no secret).
/// </summary>
public sealed class ApiRefusedException(string message) : Exception(message);
