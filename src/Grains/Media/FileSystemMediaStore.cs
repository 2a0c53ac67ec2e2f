using System.Text;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Media;

/// <summary>The media store on the local filesystem under <c>Storage:Root</c>.</summary>
public sealed class FileSystemMediaStore(IOptions<StorageOptions> options) : IMediaStore
{
    private const int MaxNameLength = 80;

    private string Root => Path.GetFullPath(options.Value.Root);

    public async Task<string> SaveAsync(
        Guid consultantId, Guid messageId, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var relative = Path.Combine("media", consultantId.ToString(), $"{messageId}_{SafeFileName(fileName)}");
        var full = Resolve(relative) ?? throw new InvalidOperationException("The media path left the store.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Written beside and moved into place, so a reader never sees half a file.
        var temporary = full + ".part";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, full, overwrite: true);
        return relative;
    }

    public Stream? OpenRead(string path) =>
        Resolve(path) is { } full && File.Exists(full) ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read) : null;

    public async Task<byte[]?> ReadAllAsync(string path, CancellationToken cancellationToken) =>
        Resolve(path) is { } full && File.Exists(full) ? await File.ReadAllBytesAsync(full, cancellationToken) : null;

    /// <summary>The full path, or null when <paramref name="relative"/> would leave the root (../, an absolute path).</summary>
    private string? Resolve(string relative)
    {
        var root = Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Letters, digits, dot, dash and underscore; no leading dots; never empty; at most 80 characters.</summary>
    public static string SafeFileName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in Path.GetFileName(name.Replace('\\', '/')))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var safe = builder.ToString().TrimStart('.');
        if (safe.Length > MaxNameLength)
        {
            var extension = Path.GetExtension(safe);
            safe = safe[..(MaxNameLength - Math.Min(extension.Length, 10))] + extension[..Math.Min(extension.Length, 10)];
        }

        return safe.Length == 0 ? "file" : safe;
    }
}
