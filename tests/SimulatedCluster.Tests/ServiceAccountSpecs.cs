namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>A cluster with the admin's kubectl, plus kubectl as a service account (its token, over TLS).</summary>
public abstract class ServiceAccountSpecs(SimulatedClusterOptions? options = null) : ClusterSpecs(options)
{
    protected const string Orchestrator = "system:serviceaccount:kube-system:orchestrator";

    /// <summary>Makes the ServiceAccount (as the admin) and returns kubectl with a token from `kubectl create token`.</summary>
    protected async Task<Kubectl> AsServiceAccount(string @namespace = "kube-system", string name = "orchestrator")
    {
        var created = await Kubectl.Run("create", "serviceaccount", name, "-n", @namespace);
        Assert.True(created.ExitCode == 0, created.ToString());
        var token = await Kubectl.Run("create", "token", name, "-n", @namespace);
        Assert.True(token.ExitCode == 0, token.ToString());
        return new Kubectl(Cluster.WriteKubeconfig(Path.Combine(Directory, $"{@namespace}-{name}.kubeconfig"), token.Out.Trim()));
    }

    /// <summary>Applies manifests as the admin.</summary>
    protected async Task Admin(string manifest)
    {
        var applied = await Kubectl.Run("apply", "-f", WriteFile($"manifest-{Guid.NewGuid():N}.yaml", manifest));
        Assert.True(applied.ExitCode == 0, applied.ToString());
    }

    protected static void AssertRefused(Kubectl.Result result, string message)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"Error from server (Forbidden): {message}\n", result.Error);
    }

    /// <summary>The last line kubectl wrote to stderr: with a refused impersonation its discovery fails first, and says so above it.</summary>
    protected static string LastError(Kubectl.Result result) =>
        result.Error.TrimEnd('\n').Split('\n')[^1];

    /// <summary>The repository's folder (where Orchestrator.sln is), for deploy/.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Orchestrator.sln")))
                    return folder.FullName;
            throw new InvalidOperationException("no Orchestrator.sln above " + AppContext.BaseDirectory);
        }
    }
}
