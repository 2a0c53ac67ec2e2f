namespace Consultant.Grains.Hooks;

public enum ReplyAuthor
{
    Assistant,
    Consultant,

    /// <summary>The system on its own (<c>IConversationGrain.SendAutomatedAsync</c>); the message's origin says what sent it.</summary>
    Automated,
}
