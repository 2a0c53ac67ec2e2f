namespace Consultant.Api.Inbox;

public sealed record TemplateRequest(string? Name, string? ContentSid, string? Body);
