namespace Orchestrator.Messages;

/// <summary>
/// A message that may travel between cluster members (to an entity on another member, or an answer from one). Every
/// such type has a stable manifest and one serializer (bound to this interface in akka.hocon); anything else that
/// would cross a member is refused rather than written in a format nobody chose.
/// </summary>
public interface IClusterMessage;
