namespace Consultant.Api.WhatsApp;

public sealed record AiSettingsRequest(string? AiApiKey, bool? AnswerLeadsWithOwnKey);
