using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Agent;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// Takes a service's ports out of connection tracking with nft: raw-priority NOTRACK rules in PREROUTING and
/// OUTPUT of the agent's own table, each commented "orchestrator-agent:&lt;service&gt;".
/// Why nft rather than iptables-nft: every change is one `nft -f` transaction (the old rules of the service
/// are deleted and the new ones added atomically, so there is never a moment with both or neither), our own
/// table keeps us clear of every other tool's chains, and `nft -j` gives the rules back as JSON to compare.
/// nft is needed only by a unit that asks for NOTRACK (conntrack: false) or to clean up a table of ours: on a host
/// without nft, clearing a service's rules (every conntrack: true unit does it) finds nothing to clear and succeeds,
/// and only a unit that asks for NOTRACK fails, saying that nft is missing.
/// </summary>
public sealed class NftNoTrackRules(ProgramRunner runner, string program = "nft")
{
    public const string Table = "orchestrator_agent";
    private static readonly string[] Chains = ["prerouting", "output"];

    public static string Comment(ServiceName service) => "orchestrator-agent:" + service.Value;

    public async Task<bool> SetAsync(ServiceName service, IReadOnlyList<PortRule> ports, CancellationToken cancellationToken)
    {
        List<ExistingRule> existing;
        try
        {
            existing = await ExistingRulesAsync(service, cancellationToken);
        }
        catch (System.ComponentModel.Win32Exception) when (ports.Count == 0)
        {
            return false; // no nft on this host, so no table of ours to clean up
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new HostCommandException(
                $"{program} cannot be run ({missing.Message}): the unit asks for conntrack: false (NOTRACK rules), which needs nftables on the node (the agent image must ship nft)");
        }
        var wanted = Chains.SelectMany(chain => ports.Select(port => $"{chain} {port.NftMatch}")).ToHashSet(StringComparer.Ordinal);
        if (wanted.SetEquals(existing.Select(rule => rule.Key)) && existing.Count == wanted.Count)
            return false;

        var script = new StringBuilder();
        script.AppendLine(CultureInfo.InvariantCulture, $"add table inet {Table}");
        foreach (var chain in Chains)
            script.AppendLine(CultureInfo.InvariantCulture, $"add chain inet {Table} {chain} {{ type filter hook {chain} priority raw; policy accept; }}");
        foreach (var rule in existing)
            script.AppendLine(CultureInfo.InvariantCulture, $"delete rule inet {Table} {rule.Chain} handle {rule.Handle}");
        foreach (var chain in Chains)
        {
            foreach (var port in ports)
                script.AppendLine(CultureInfo.InvariantCulture, $"add rule inet {Table} {chain} {port.NftMatch} notrack comment \"{Comment(service)}\"");
        }
        await runner.RunCheckedAsync([program, "-f", "-"], script.ToString(), cancellationToken);
        return true;
    }

    private sealed record ExistingRule(string Chain, long Handle, string Key);

    private async Task<List<ExistingRule>> ExistingRulesAsync(ServiceName service, CancellationToken cancellationToken)
    {
        var listed = await runner.RunAsync([program, "-j", "list", "table", "inet", Table], null, cancellationToken);
        if (listed.ExitCode != 0)
            return []; // no table yet: no rules of ours
        var rules = new List<ExistingRule>();
        foreach (var item in JsonNode.Parse(listed.Output)?["nftables"]?.AsArray() ?? [])
        {
            var rule = item?["rule"];
            if (rule is null || rule["comment"]?.GetValue<string>() != Comment(service))
                continue;
            var chain = rule["chain"]!.GetValue<string>();
            rules.Add(new ExistingRule(chain, rule["handle"]!.GetValue<long>(), chain + " " + MatchOf(rule)));
        }
        return rules;
    }

    /// <summary>The rule's match in the form PortRule.NftMatch writes ("tcp dport 5900-5999"), or "?" when foreign.</summary>
    private static string MatchOf(JsonNode rule)
    {
        var match = rule["expr"]?.AsArray().Select(expression => expression?["match"]).FirstOrDefault(found => found is not null);
        var protocol = match?["left"]?["payload"]?["protocol"]?.GetValue<string>();
        var right = match?["right"];
        if (protocol is null || right is null)
            return "?";
        var ports = right is JsonObject range && range["range"] is JsonArray bounds
            ? $"{bounds[0]!.GetValue<int>()}-{bounds[1]!.GetValue<int>()}"
            : right.GetValue<int>().ToString(CultureInfo.InvariantCulture);
        return $"{protocol} dport {ports}";
    }
}
