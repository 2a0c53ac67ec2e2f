using Consultant.Grains.Languages;

namespace Consultant.Grains.Flows;

/// <summary>Whom a flow talks to: the consultant, the conversation's contact address, and the contact's language.</summary>
public sealed record FlowContact(Guid ConsultantId, string Address, ContactLanguage Language);
