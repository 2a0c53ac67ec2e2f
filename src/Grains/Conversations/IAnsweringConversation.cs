using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Conversations;

/// <summary>What <see cref="AnsweringLoop"/> needs of the conversation grain that owns it.</summary>
public interface IAnsweringConversation : IGrainBase
{
    Guid ConsultantId { get; }

    /// <summary>The conversation key's contact part (a phone, a WhatsApp user id, or a simulator address).</summary>
    string Phone { get; }

    ConversationState State { get; }

    ConversationView View();

    /// <summary>Writes the state (and the list row when asked), one write at a time.</summary>
    Task SaveAsync(bool updateListRow);

    /// <summary>Makes a new batch durable before it is answered (or leaves that to the table when it can tell it).</summary>
    Task SaveBatchStartAsync(ReplyBatch batch);

    /// <summary>
    /// After a receive of this activation failed (perhaps once its message was stored): takes back the messages the
    /// table says are owed a reply and the state does not hold. Nothing to read otherwise.
    /// </summary>
    Task TakeBackAfterFailedReceiveAsync();

    /// <summary>
    /// Completes once what the receives left for after their turns is done (the messages' hooks, the list row): a batch
    /// starts after it, so its reply speaks the language the messages decided.
    /// </summary>
    Task AfterTheTurnSettledAsync();

    /// <summary>The conversation's one way of sending on its own (<see cref="IConversationGrain.SendAutomatedAsync"/>).</summary>
    Task<AutomatedSendResult> SendAutomatedAsync(AutomatedMessage message, CancellationToken cancellationToken);
}
