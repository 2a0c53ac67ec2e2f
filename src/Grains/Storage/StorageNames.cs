namespace Consultant.Grains.Storage;

/// <summary>Names of the Orleans grain storage providers, shared by the silo set-up and the grains.</summary>
public static class StorageNames
{
    public const string Grains = "grains";

    /// <summary>The conversations' state: <see cref="SharedGrainStorage"/>, or <see cref="Grains"/>' provider when switched off.</summary>
    public const string Conversations = "conversations";
}
