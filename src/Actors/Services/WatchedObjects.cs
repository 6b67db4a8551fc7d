using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Actors.Services;

/// <summary>
/// What a service knows of its own objects without reading them: the watches' last report, the resourceVersions of its
/// own writes that no report has shown yet, and the objects a report changed that have not been compared since.
/// Immutable and pure; the supervisor holds one in memory (it is rebuilt from the next report after a restart).
/// </summary>
/// <remarks>
/// A watch reports the versions of one object in the order the server made them. So while a write of ours is unreported,
/// any other version reported for that object is an older one (a status update made before our write, say), not an
/// edit to repair; and once ours is reported, every later version is news: someone else changed the object. Reports
/// and the applier's answer race each other, so the versions reported while an apply is under way are remembered
/// (<see cref="SeenWhileApplying"/>): a write whose version was already reported is not waited for.
/// </remarks>
public sealed record WatchedObjects(
    bool Reported,
    ImmutableDictionary<ObjectIdentity, IKubernetesObject<V1ObjectMeta>> Objects,
    ImmutableDictionary<ObjectIdentity, string> Unreported,
    ImmutableHashSet<ObjectIdentity> Unchecked,
    ImmutableDictionary<ObjectIdentity, ImmutableHashSet<string>>? SeenWhileApplying = null,
    ImmutableHashSet<ObjectIdentity>? UnreportedAtLastCheck = null)
{
    /// <summary>Nothing reported yet: the watches have not listed, so every apply reads first.</summary>
    public static readonly WatchedObjects None = new(false, ImmutableDictionary<ObjectIdentity, IKubernetesObject<V1ObjectMeta>>.Empty,
        ImmutableDictionary<ObjectIdentity, string>.Empty, []);

    /// <summary>
    /// A new report: each object it shows at another version than the last report (or adds, or no longer shows) is to
    /// be checked, unless it is our own write or older than it.
    /// </summary>
    public WatchedObjects Report(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var reported = objects.ToImmutableDictionary(ObjectIdentity.Of);
        var unreported = Unreported;
        var toCheck = Unchecked.ToBuilder();
        var seen = SeenWhileApplying;
        foreach (var identity in reported.Keys.Union(Objects.Keys))
        {
            var now = reported.GetValueOrDefault(identity);
            var before = Objects.GetValueOrDefault(identity);
            if (now is not null && before is not null && now.Metadata?.ResourceVersion == before.Metadata?.ResourceVersion)
                continue;
            if (seen is not null && now?.Metadata?.ResourceVersion is { } version)
                seen = seen.SetItem(identity, seen.GetValueOrDefault(identity, []).Add(version));
            if (unreported.TryGetValue(identity, out var ours))
            {
                if (now is not null && now.Metadata?.ResourceVersion == ours)
                {
                    unreported = unreported.Remove(identity);
                    toCheck.Remove(identity);
                    continue;
                }
                if (now is not null)
                    continue;
                unreported = unreported.Remove(identity);
            }
            toCheck.Add(identity);
        }
        return this with { Reported = true, Objects = reported, Unreported = unreported, Unchecked = toCheck.ToImmutable(), SeenWhileApplying = seen };
    }

    /// <summary>An apply starts: the versions reported from now on are remembered until <see cref="ApplyEnded"/>.</summary>
    public WatchedObjects Applying() => this with { SeenWhileApplying = ImmutableDictionary<ObjectIdentity, ImmutableHashSet<string>>.Empty };

    /// <summary>
    /// The apply wrote these objects, each at the version the server answered (null when unknown): until the report
    /// shows that version, the older ones it shows are no drift; a version after it is checked as any change.
    /// </summary>
    public WatchedObjects Applied(IEnumerable<(ObjectIdentity Identity, string? ResourceVersion)> written)
    {
        var unreported = Unreported;
        var toCheck = Unchecked;
        foreach (var (identity, version) in written)
        {
            var current = Objects.GetValueOrDefault(identity)?.Metadata?.ResourceVersion;
            if (version is null || current == version)
            {
                unreported = unreported.Remove(identity);
                toCheck = toCheck.Remove(identity);
            }
            else if (SeenWhileApplying?.GetValueOrDefault(identity)?.Contains(version) == true)
                unreported = unreported.Remove(identity); // reported already, and changed since: checked as reported
            else
            {
                unreported = unreported.SetItem(identity, version);
                toCheck = toCheck.Remove(identity);
            }
        }
        return this with { Unreported = unreported, Unchecked = toCheck };
    }

    /// <summary>The apply is over (done, or stopped): reported versions need no remembering.</summary>
    public WatchedObjects ApplyEnded() => SeenWhileApplying is null ? this : this with { SeenWhileApplying = null };

    /// <summary>
    /// Before a check of every object: a write of ours still unreported at the check before (a whole repair interval ago)
    /// is taken as reported, so that an object whose report was missed (a watch that relisted past our version) is
    /// compared again; at worst that costs a stale write's 409 and one read.
    /// </summary>
    public WatchedObjects Aged()
    {
        var unreported = UnreportedAtLastCheck is { Count: > 0 } old ? Unreported.RemoveRange(old) : Unreported;
        return this with { Unreported = unreported, UnreportedAtLastCheck = unreported.Keys.ToImmutableHashSet() };
    }

    /// <summary>
    /// What an apply of <paramref name="desired"/> may decide on instead of a read: the reported object, or that there is
    /// none; null (read first) before any report, and while the report is behind a write of ours.
    /// </summary>
    public ObservedObject? For(IKubernetesObject<V1ObjectMeta> desired)
    {
        var identity = ObjectIdentity.Of(desired);
        if (!Reported || Unreported.ContainsKey(identity))
            return null;
        return Objects.TryGetValue(identity, out var observed) ? new ObservedObject(observed) : ObservedObject.Absent;
    }

    /// <summary>Why an apply of <paramref name="desired"/> must read it first (null: the report answers), for the log.</summary>
    public string? WhyRead(IKubernetesObject<V1ObjectMeta> desired)
    {
        if (!Reported)
            return "no report from the watches yet";
        return Unreported.TryGetValue(ObjectIdentity.Of(desired), out var ours)
            ? $"our write at resourceVersion {ours} not reported yet"
            : null;
    }

    /// <summary>
    /// The desired objects the report holds otherwise (<paramref name="drift"/> decides, without a request): all of them,
    /// or only those changed since the last check. An object behind a write of ours counts as written.
    /// </summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Drifted(IEnumerable<IKubernetesObject<V1ObjectMeta>> desired, bool onlyUnchecked,
        Func<IKubernetesObject<V1ObjectMeta>, IKubernetesObject<V1ObjectMeta>?, IReadOnlyList<string>> drift)
    {
        if (!Reported)
            return [];
        return desired
            .Select(d => (Desired: d, Identity: ObjectIdentity.Of(d)))
            .Where(d => !Unreported.ContainsKey(d.Identity) && (!onlyUnchecked || Unchecked.Contains(d.Identity)))
            .Where(d => drift(d.Desired, Objects.GetValueOrDefault(d.Identity)).Count > 0)
            .Select(d => d.Desired)
            .ToList();
    }

    /// <summary>Every reported change has been compared.</summary>
    public WatchedObjects Checked() => Unchecked.IsEmpty ? this : this with { Unchecked = [] };
}
