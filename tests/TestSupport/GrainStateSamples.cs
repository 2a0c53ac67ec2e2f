using Consultant.Grains.Abstractions;
using Consultant.Grains.Conversations;
using Consultant.Grains.Inbound;
using Consultant.Grains.Replying;
using Consultant.Grains.Settings;

namespace Consultant.TestSupport;

/// <summary>Persisted grain states with representative values, for the serializer's tests and its micro-benchmark.</summary>
public static class GrainStateSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 21, 14, 7, 123, TimeSpan.FromHours(1));

    /// <summary>A lead's conversation in a burst: three messages buffered, nothing in flight, no flow (the common case under load).</summary>
    public static ConversationState TypicalConversation() => new()
    {
        Pending = [Pending(0), Pending(1), Pending(2)],
        Initialized = true,
        MessageCount = 9,
        UnreadByConsultant = 3,
        LastMessageAt = At,
        LastInboundAt = At,
        DisplayName = "Giulia Bianchi",
        LastPreview = "Buongiorno, vorrei sapere se avete disponibilità per giovedì pomeriggio",
        FirstBatchAnswered = true,
    };

    /// <summary>
    /// One of each persisted state type with every stored member away from the value a new instance starts with, so a
    /// member a serializer drops or cannot set shows as a difference after a round trip.
    /// </summary>
    public static IReadOnlyList<object> EveryMemberSet() =>
    [
        new ConversationState
        {
            Pending = [Pending(0), Pending(1)],
            InFlight = new ReplyBatch { BatchId = Guid.NewGuid(), MessageIds = [Guid.NewGuid(), Guid.NewGuid()], OptOutChange = OptOutChange.OptOut },
            Initialized = true,
            IsLead = false,
            ClientId = Guid.NewGuid(),
            LeadConvertedAt = At.AddDays(-3),
            AiEnabled = false,
            MessageCount = 42,
            UnreadByConsultant = 2,
            LastMessageAt = At,
            LastInboundAt = At.AddMinutes(-1),
            DisplayName = "Giulia",
            LastPreview = "Grazie, a giovedì \"alle 15\" 👍",
            NeedsReply = true,
            NeedsReplyReason = "ai_failed",
            ClientName = "Giulia Bianchi",
            AiOverriddenAt = At.AddHours(-2),
            AiOverriddenBy = "consultant",
            LastReadByConsultant = At.AddMinutes(-30),
            OptedOut = true,
            UnconfirmedOptOutChange = OptOutChange.OptIn,
            AwaitingAiKey = new ReplyBatch { BatchId = Guid.NewGuid(), MessageIds = [Guid.NewGuid()], OptOutChange = OptOutChange.OptIn },
            Flow = new FlowPosition(Guid.NewGuid(), "goal", 2, At.AddHours(-1), At.AddMinutes(-5)),
            FirstBatchAnswered = true,
            AskedForConsultant = true,
        },
        new ConsultantState
        {
            WhatsApp = new WhatsAppSettings
            {
                AccountSid = "AC" + Guid.NewGuid().ToString("N"),
                ProtectedAuthToken = "CfDJ8-protected-token",
                WhatsAppNumber = "+393470000001",
                IsActive = true,
                AutoResponseEnabled = true,
                ProtectedAiApiKey = "CfDJ8-protected-old-key",
                Mode = WhatsAppMode.Polling,
                UpdatedAt = At,
            },
            LastConnectionTest = new ConnectionTestResult(true, "Account verified", At.AddMinutes(-10)),
            Persona = "Coach",
            AcquisitionScript = "Ask the goal, then offer a call.",
            ProtectedAiApiKey = "CfDJ8-protected-key",
            AiApiKeyHint = "3f9a",
            AnswerLeadsWithOwnKey = true,
            AiUpdatedAt = At.AddDays(-1),
        },
        new PollerState { Enabled = true, Cursor = At.AddSeconds(-45), LastPollAt = At, LastError = "Twilio answered 503" },
    ];

    private static PendingMessage Pending(int second) => new() { MessageId = Guid.NewGuid(), ReceivedAt = At.AddSeconds(second) };
}
