namespace Consultant.Api.Inbox;

public sealed record ConversationPageResponse(IReadOnlyList<ConversationResponse> Items, int Page, int PageSize, int Total);
