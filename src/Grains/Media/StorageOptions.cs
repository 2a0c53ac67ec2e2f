using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Media;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where files are kept on disk (relative paths are from the working directory).</summary>
    [Required]
    public string Root { get; set; } = ".data";
}
