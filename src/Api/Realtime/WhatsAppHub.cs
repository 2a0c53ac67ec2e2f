using Consultant.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Consultant.Api.Realtime;

/// <summary>
/// Live events for the signed-in consultant: NewMessage, MessageSent, MessageStatusChanged, ConversationUpdated.
/// A connection joins only its own consultant's group and the hub has no method that takes another tenant's id.
/// After a reconnect, a client resynchronises through the REST endpoints.
/// </summary>
[Authorize(Policy = AuthSchemes.HubPolicy)]
public sealed class WhatsAppHub(DashboardEventRelay relay) : Hub
{
    public const string Path = "/hubs/whatsapp";

    public override async Task OnConnectedAsync()
    {
        var consultantId = Context.User!.GetConsultantId();
        await Groups.AddToGroupAsync(Context.ConnectionId, DashboardEventRelay.GroupName(consultantId));
        await relay.AddConnectionAsync(consultantId);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await relay.RemoveConnectionAsync(Context.User!.GetConsultantId());
        await base.OnDisconnectedAsync(exception);
    }
}
