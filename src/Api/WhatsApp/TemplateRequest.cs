namespace Consultant.Api.WhatsApp;

public sealed record TemplateRequest(string? Name, string? ContentSid, string? Body);
