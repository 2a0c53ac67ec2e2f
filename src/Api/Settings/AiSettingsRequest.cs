namespace Consultant.Api.Settings;

public sealed record AiSettingsRequest(string? AiApiKey, bool? AnswerLeadsWithOwnKey);
