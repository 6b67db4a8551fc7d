namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>The checkout the tests run from (the folder with Orchestrator.sln), for the files they ship: deploy/, examples.</summary>
public static class RepositoryFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "Orchestrator.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }
}
