namespace Consultant.Grains.Inbox;

public sealed record ConversationPage(IReadOnlyList<ConversationListItem> Items, int Page, int PageSize, int Total);
