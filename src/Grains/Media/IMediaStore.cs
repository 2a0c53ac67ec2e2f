namespace Consultant.Grains.Media;

/// <summary>Where media files live. Paths it returns are relative to its root and safe to store.</summary>
public interface IMediaStore
{
    /// <summary>Stores the file as media/{consultantId}/{messageId}_{fileName} (the name sanitised) and returns its path.</summary>
    Task<string> SaveAsync(Guid consultantId, Guid messageId, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The stored file, or null when it is not there (or the path leaves the store).</summary>
    Stream? OpenRead(string path);

    Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken);
}
