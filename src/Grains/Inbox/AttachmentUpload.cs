namespace Consultant.Grains.Inbox;

/// <summary>A file the consultant attaches by hand, as uploaded.</summary>
public sealed record AttachmentUpload(string FileName, byte[] Content);
