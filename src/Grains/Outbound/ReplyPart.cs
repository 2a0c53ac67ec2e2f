namespace Consultant.Grains.Outbound;

/// <summary>One message of a batch's reply before it is recorded: its text and who wrote it (a <c>Messages/MessageOrigin</c>).</summary>
public sealed record ReplyPart(string Body, string Origin);
