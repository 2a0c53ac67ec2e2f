namespace Consultant.Api.Inbox;

public sealed record SendTemplateRequest(Guid? TemplateId, Dictionary<string, string>? Variables, bool ConfirmOptedOut = false);
