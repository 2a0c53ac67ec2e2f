namespace Consultant.TestSupport;

/// <summary>The repository, found from the build output upwards, so any program (tests, the load driver) can use it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    /// <summary>src/Silo: the silo's content root.</summary>
    public static string SiloProject => Path.Combine(Root, "src", "Silo");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
