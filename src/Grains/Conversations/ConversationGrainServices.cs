using Consultant.Grains.Clients;
using Consultant.Grains.Flows;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Media;
using Consultant.Grains.Outbound;
using Consultant.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Consultant.Grains.Conversations;

/// <summary>
/// What every <see cref="ConversationGrain"/> uses, all singletons, in one object the activations share: one field
/// in each active conversation instead of eleven (88 bytes fewer each; the aim is 4 KiB per active conversation,
/// bench/NOTES.md, memory).
/// </summary>
public sealed record ConversationGrainServices(
    InboundMessageStore Inbound,
    ContactDirectory Contacts,
    ClientRepository Clients,
    ConsultantMessageSender ConsultantMessages,
    AutomatedMessageSender AutomatedMessages,
    InboundMediaWork InboundMedia,
    FlowStarter FlowStarter,
    ConversationPublisher Publisher,
    IOptions<AcknowledgementOptions> Acknowledgement,
    TimeProvider Time,
    ILogger<ConversationGrain> Logger);
