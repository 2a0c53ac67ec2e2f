using Consultant.Grains.Languages;

namespace Consultant.Grains.Booking;

/// <summary>What a valid calendar-file link names: a consultation of a consultant, and the language of its words.</summary>
public sealed record CalendarFileLink(Guid ConsultantId, Guid ConsultationId, ContactLanguage Language);
