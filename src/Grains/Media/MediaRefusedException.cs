namespace Consultant.Grains.Media;

/// <summary>A download that must not happen (wrong host, internal address, too large, not what it claims to be).</summary>
public sealed class MediaRefusedException(string message) : Exception(message);
