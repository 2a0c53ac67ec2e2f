namespace Consultant.Api.Inbox;

public sealed record AiToggleRequest(bool? AiEnabled);
