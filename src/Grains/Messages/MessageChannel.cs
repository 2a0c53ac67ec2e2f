using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Messages;

/// <summary>How a message travels: WhatsApp through Twilio, or the dashboard's simulator.</summary>
public static class MessageChannel
{
    public const string WhatsApp = "whatsapp";
    public const string Simulator = "simulator";

    /// <summary>A conversation's channel follows from its key: the simulator's conversations have their own.</summary>
    public static string Of(string conversationPhone) => ConversationKey.IsSimulated(conversationPhone) ? Simulator : WhatsApp;
}
