using Orchestrator.Messages;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// The coordinator hands a service its part of the deployment. <see cref="WaitingFor"/> lists the dependencies that
/// are not Ready yet; the service is applied only when it is empty. The part (with the service's Secret) travels in
/// the message only, to whichever member runs the supervisor: the events persisted from it carry hashes.
/// </summary>
public sealed record ConfigureService(string ServiceName, ServicePart Part, IReadOnlyList<string> WaitingFor, DateTimeOffset At) : IWithServiceName, IClusterMessage;
