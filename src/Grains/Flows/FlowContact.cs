using Consultant.Grains.Languages;

namespace Consultant.Grains.Flows;

/// <summary>
/// Whom a flow talks to: the consultant, the conversation's contact address, and the contact's language; and the batch
/// being answered (null for a flow started by hand): what the flow books is confirmed after it, what it sends is kept under it.
/// </summary>
public sealed record FlowContact(Guid ConsultantId, string Address, ContactLanguage Language, Guid? BatchId = null);
