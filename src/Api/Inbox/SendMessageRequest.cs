namespace Consultant.Api.Inbox;

/// <summary><see cref="ConfirmOptedOut"/>: the consultant confirmed writing to a contact who opted out.</summary>
public sealed record SendMessageRequest(string? MessageText, bool ConfirmOptedOut = false);
