using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// A plain SHA-256 of a weak password is the password to anyone with a dictionary. Hashes of secret content are keyed
/// with the deployment's own key (kept in a Secret, made once): no unkeyed digest of a secret value, of a Secret's files,
/// or of the files hash built on them reaches the journal, a pod template or HostUnits; a changed secret value still
/// rolls out, and the agent checks it against the keyed hash with the key it reads from the cluster.
/// </summary>
public sealed class KeyedHashSpecs
{
    private const string RootPassword = "db-s3cret-value";
    private const string KeystonePassword = "keystone-s3cret";

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task No_plain_digest_of_a_secret_reaches_the_journal_or_the_cluster_and_a_changed_secret_still_reaches_the_host()
    {
        var artifacts = Directory.CreateTempSubdirectory("keyed-hash-artifacts-").FullName;
        try
        {
            var deployment = WithSecrets(TestSpecs.WithHostDatabase(artifacts), RootPassword);
            await using var harness = await ConvergenceHarness.StartAsync(deployment);
            harness.StartAgents();
            await harness.StartSystemAsync();
            Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
            var key = await harness.Adapter.GetAsync<V1Secret>(TestSpecs.Namespace, ResourceNames.HashKeySecret, default);
            Assert.NotNull(HashKey.FromSecretData(key?.Data));

            var changed = WithSecrets(deployment, "db-n3w-s3cret");
            Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(changed)).Status);
            var installed = Path.Combine(harness.Folder, "hosts", "db-1", "etc", "mariadb", "root-password");
            await Eventually.True(() => File.Exists(installed) && File.ReadAllText(installed) == "db-n3w-s3cret", "the new password installed on db-1",
                TimeSpan.FromSeconds(60));
            var keyAfter = await harness.Adapter.GetAsync<V1Secret>(TestSpecs.Namespace, ResourceNames.HashKeySecret, default);
            Assert.Equal(key!.Data[HashKey.DataKey], keyAfter!.Data[HashKey.DataKey]); // made once, then read back

            var cluster = string.Join("\n",
                KubernetesJson.Serialize(await harness.Adapter.GetAsync<V1Deployment>(TestSpecs.Namespace, "keystone", default)),
                KubernetesJson.Serialize(await harness.Adapter.GetAsync<HostUnitsResource>(null, "db-1", default)));
            var journal = string.Join("\n", (await harness.ReadJournalAsync()).Select(e => System.Text.Json.JsonSerializer.Serialize(e.Event, e.Event.GetType())));
            await harness.StopSystemAsync();
            var journalFiles = string.Concat(Directory.GetFiles(harness.Folder, "journal.db*").Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
            Assert.Contains("secret root-password hash", journal); // the change is named, by a keyed hash

            foreach (var (what, digest) in PlainDigests(deployment).Concat(PlainDigests(changed)))
            {
                Assert.False(cluster.Contains(digest, StringComparison.Ordinal), $"{what} ({digest}) in the cluster's objects");
                Assert.False(journal.Contains(digest, StringComparison.Ordinal), $"{what} ({digest}) in the journal's events");
                Assert.False(journalFiles.Contains(digest, StringComparison.Ordinal), $"{what} ({digest}) in the journal's files");
            }
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    /// <summary>The database's root password as given, and keystone with a secret of its own (an api service: a pod template).</summary>
    private static OpenStackDeployment WithSecrets(OpenStackDeployment deployment, string rootPassword) => deployment with
    {
        Spec = deployment.Spec with
        {
            Services = deployment.Spec.Services.Select(s => s.Name switch
            {
                "mariadb" => s with { Secrets = new Dictionary<string, string> { ["root-password"] = rootPassword } },
                "keystone" => s with { Secrets = new Dictionary<string, string> { ["db-password"] = KeystonePassword } },
                _ => s,
            }).ToList(),
        },
    };

    /// <summary>Every unkeyed digest that would let a dictionary find a secret value: of the value, of the Secret's files, of the files hash.</summary>
    private static IEnumerable<(string What, string Digest)> PlainDigests(OpenStackDeployment deployment)
    {
        foreach (var service in deployment.Spec.Services.Where(s => s.Secrets.Count > 0))
        {
            foreach (var (name, value) in service.Secrets)
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
                yield return ($"SHA-256 of {service.Name}'s {name}", sha);
                yield return ($"short SHA-256 of {service.Name}'s {name}", sha[..16]);
            }
            var secretFiles = ContentHash.OfFiles(service.Secrets);
            yield return ($"plain hash of {service.Name}'s secret files", secretFiles);
            yield return ($"files hash of {service.Name} over the plain secret hash", HostUnitHash.OfFiles(HostUnitHash.OfConfig(service.Config), secretFiles));
        }
    }
}
