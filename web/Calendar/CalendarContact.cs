namespace Consultant.Web.Calendar;

/// <summary>Who the consultant books for on the Calendar page: a conversation (a lead or a client who wrote) or a client.</summary>
public sealed record CalendarContact(Guid? ConversationId, Guid? ClientId, string Name, string Detail)
{
    /// <summary>The name and the number, the number once when it is all there is.</summary>
    public override string ToString() => Name == Detail || Detail.StartsWith(Name + " ", StringComparison.Ordinal) ? Detail : $"{Name} ({Detail})";
}
