using Consultant.Grains.Abstractions;
using Consultant.Grains.Messages;

namespace Consultant.Grains.Media;

/// <summary>Messages as the dashboard shows them: the message row with its media and their analysis.</summary>
public sealed class ChatMessageViews(MessageQueries messages, MediaRepository media)
{
    public async Task<ChatMessageView?> FindAsync(Guid consultantId, Guid messageId) =>
        await messages.FindViewAsync(consultantId, messageId) is { } view ? (await WithMediaAsync(consultantId, [view]))[0] : null;

    public async Task<IReadOnlyList<ChatMessageView>> WithMediaAsync(Guid consultantId, IReadOnlyList<ChatMessageView> views)
    {
        var withMedia = views.Where(v => v.NumMedia > 0).Select(v => v.Id).ToList();
        if (withMedia.Count == 0)
        {
            return views;
        }

        var files = await media.ViewsForMessagesAsync(consultantId, withMedia);
        return views.Select(v => files.Contains(v.Id) ? v with { Media = files[v.Id].ToList() } : v).ToList();
    }
}
