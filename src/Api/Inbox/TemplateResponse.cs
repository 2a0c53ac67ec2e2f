using Consultant.Grains.Inbox;

namespace Consultant.Api.Inbox;

public sealed record TemplateResponse(Guid Id, string Name, string ContentSid, string Body, IReadOnlyList<string> Placeholders, DateTimeOffset CreatedAt)
{
    public static TemplateResponse From(MessageTemplate t) => new(t.Id, t.Name, t.ContentSid, t.Body, t.Placeholders, t.CreatedAt);
}
