using Consultant.Grains.Clients;
using Consultant.Grains.Common;

namespace Consultant.Grains.Inbox;

/// <summary>
/// A lead's contact added as a client: <see cref="Client"/> and the conversation, now a client conversation, when
/// <see cref="Outcome"/> is Saved; otherwise the errors by field (PhoneTaken: another client has that number).
/// </summary>
public sealed record AddClientResult(ClientSaveOutcome Outcome, Client? Client, ConversationListItem? Conversation, ValidationErrors Errors)
{
    public static AddClientResult NotFound() => new(ClientSaveOutcome.NotFound, null, null, new ValidationErrors());

    public static AddClientResult Refused(ClientSaveOutcome outcome, string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new(outcome, null, null, errors);
    }
}
