using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Faults;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// The kubelets of all nodes: a bound pod is ContainerCreating, then Running after the ready delay, then
/// Ready after another; crash-looping pods restart with CrashLoopBackOff; a NotReady node's pods lose their
/// readiness; a deleted pod is removed after a short grace. Start and stop are reported to the host.
/// </summary>
public sealed class Kubelets(ObjectStore store, WorkQueue queue, FaultInjection faults, SimulatedClusterOptions options, Random random)
{
    private sealed class PodState
    {
        public string Node = "";
        public DateTimeOffset? StartDue;
        public DateTimeOffset? ReadyDue;
        public DateTimeOffset? RemoveDue;
        public DateTimeOffset? NextCrash;
        public JsonObject? Started;
    }

    private readonly Dictionary<(string Ns, string Name), PodState> _pods = [];
    private readonly Dictionary<string, HashSet<(string Ns, string Name)>> _podsByNode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextIp = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock = options.Clock;

    public event Action<PodLifecycleEvent>? PodStarted;
    public event Action<PodLifecycleEvent>? PodStopped;

    public void SetNodeReady(string nodeName, bool ready) =>
        store.Mutate(BuiltInResources.Nodes, "", nodeName, node =>
        {
            node["status"]!["conditions"] = NodeConditions.All(ready, _clock.GetUtcNow());
            return node;
        }, "status");

    /// <summary>Called under the store's lock when a node changes: its pods are looked at again.</summary>
    public void NodeChanged(JsonObject node, bool deleted)
    {
        lock (_gate)
            foreach (var pod in _podsByNode.GetValueOrDefault(node.Name()) ?? [])
                queue.Add(new WorkItem(WorkItem.Kubelet, pod.Ns, pod.Name));
    }

    public void Reconcile(string ns, string name)
    {
        var key = (ns, name);
        var pod = store.Get(BuiltInResources.Pods, ns, name);
        var now = _clock.GetUtcNow();
        PodState state = null!;
        PodState? stopped = null;
        lock (_gate)
        {
            if (pod is null || pod["spec"]?["nodeName"] is null)
            {
                if (_pods.Remove(key, out var gone))
                {
                    _podsByNode.GetValueOrDefault(gone.Node)?.Remove(key);
                    stopped = gone;
                }
            }
            else if (!_pods.TryGetValue(key, out state!))
            {
                state = _pods[key] = new PodState { Node = (string)pod["spec"]!["nodeName"]! };
                if (!_podsByNode.TryGetValue(state.Node, out var set))
                    _podsByNode[state.Node] = set = [];
                set.Add(key);
            }
        }
        if (pod is null || pod["spec"]?["nodeName"] is null)
        {
            // Observers run outside the kubelets' lock: they may call back into the cluster.
            if (stopped?.Started is not null)
                Notify(PodStopped, stopped.Started, stopped.Node);
            return;
        }
        var node = store.Get(BuiltInResources.Nodes, "", state.Node);
        var nodeReady = node is not null && NodeConditions.IsReady(node);
        if (pod.IsDeleting())
        {
            state.RemoveDue ??= now + TimeSpan.FromTicks(Math.Min(options.ReadyDelay.Ticks, TimeSpan.FromSeconds(pod["metadata"]?["deletionGracePeriodSeconds"]?.GetValue<long>() ?? 0).Ticks));
            if (now >= state.RemoveDue)
                store.Remove(BuiltInResources.Pods, ns, name);
            else
                queue.AddAfter(new WorkItem(WorkItem.Kubelet, ns, name), state.RemoveDue.Value - now);
            return;
        }
        var phase = (string?)pod["status"]?["phase"];
        if (state.Started is null && phase == "Pending")
        {
            if (state.StartDue is null)
            {
                state.StartDue = now + Jitter();
                UpdateStatus(ns, name, p => ContainerStatuses.Creating(p));
                queue.AddAfter(new WorkItem(WorkItem.Kubelet, ns, name), state.StartDue.Value - now);
                return;
            }
            if (now < state.StartDue || !nodeReady)
                return;
            var started = UpdateStatus(ns, name, p => ContainerStatuses.Running(p, node!, NextIp(node!), now));
            state.Started = started;
            state.ReadyDue = now + Jitter();
            Notify(PodStarted, started ?? pod, state.Node);
            queue.AddAfter(new WorkItem(WorkItem.Kubelet, ns, name), state.ReadyDue.Value - now);
            return;
        }
        if (state.Started is null)
            return;
        if (faults.IsCrashLooping(ns, name))
        {
            state.NextCrash ??= now;
            if (now >= state.NextCrash)
            {
                UpdateStatus(ns, name, p => ContainerStatuses.CrashLoop(p, now));
                state.NextCrash = now + CrashInterval;
            }
            queue.AddAfter(new WorkItem(WorkItem.Kubelet, ns, name), state.NextCrash.Value - now);
            return;
        }
        if (state.NextCrash is not null)
        {
            state.NextCrash = null;
            state.ReadyDue = now + Jitter();
            UpdateStatus(ns, name, p => ContainerStatuses.Restarted(p, now));
        }
        var wantReady = nodeReady && now >= state.ReadyDue;
        if (wantReady != PodConditions.IsReady(pod) || wantReady && pod["status"]?["containerStatuses"]?.AsArray().Any(c => c?["ready"]?.GetValue<bool>() != true) == true)
            UpdateStatus(ns, name, p => ContainerStatuses.SetReady(p, wantReady, now));
        if (nodeReady && now < state.ReadyDue)
            queue.AddAfter(new WorkItem(WorkItem.Kubelet, ns, name), state.ReadyDue!.Value - now);
    }

    private TimeSpan CrashInterval => TimeSpan.FromTicks(Math.Max(options.ReadyDelay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));

    private TimeSpan Jitter()
    {
        lock (_gate)
            return options.ReadyDelay * (0.5 + random.NextDouble());
    }

    private string NextIp(JsonObject node)
    {
        var cidr = (string?)node["spec"]?["podCIDR"] ?? "10.244.0.0/24";
        var prefix = cidr[..cidr.LastIndexOf('.')];
        lock (_gate)
        {
            var n = _nextIp.GetValueOrDefault(node.Name()) + 1;
            _nextIp[node.Name()] = n;
            return $"{prefix}.{n % 254 + 1}";
        }
    }

    private JsonObject? UpdateStatus(string ns, string name, Action<JsonObject> change) =>
        store.Mutate(BuiltInResources.Pods, ns, name, p =>
        {
            change(p);
            return p;
        }, "status");

    private static void Notify(Action<PodLifecycleEvent>? handler, JsonObject pod, string node)
    {
        if (handler is null)
            return;
        var e = new PodLifecycleEvent(pod.Namespace(), pod.Name(), node, pod.Labels(), (JsonObject)pod.DeepClone());
        foreach (var single in handler.GetInvocationList().Cast<Action<PodLifecycleEvent>>())
        {
            try
            {
                single(e);
            }
            catch (Exception)
            {
                // A failing observer must not stop the kubelets; it is the host's to report its own errors.
            }
        }
    }
}
