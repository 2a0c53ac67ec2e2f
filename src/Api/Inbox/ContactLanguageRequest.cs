namespace Consultant.Api.Inbox;

/// <param name="Language">it, en, es or fr; null: automatic again (from the contact's messages, record and number).</param>
public sealed record ContactLanguageRequest(string? Language);
