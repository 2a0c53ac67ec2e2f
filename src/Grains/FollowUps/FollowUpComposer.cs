using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Consultant.Grains.Outbound.Marketing;
using NodaTime;

namespace Consultant.Grains.FollowUps;

/// <summary>
/// Writes a rule's message for one contact: the text in the contact's language (<see cref="LanguageRule"/>; a
/// language the rule has no text for falls back to Italian, then English, then any), its placeholders filled — the
/// name, and for consultation rules the booking's date, time (in the contact's zone) and link as the booking is now.
/// </summary>
public sealed class FollowUpComposer(
    FollowUpStore store, ContactLanguageStore languages, ContactTimeZones timeZones, BookingStore bookings,
    MarketingConsent marketing)
{
    public async Task<FollowUpMessage> ComposeAsync(Guid consultantId, FollowUpContact contact, FollowUpRule rule, BookedConsultation? booking)
    {
        var language = LanguageRule.Current(await languages.GetAsync(consultantId, contact.Phone), contact.ClientLanguage, contact.Phone).Language;
        var values = new Dictionary<string, string?> { [MessagePlaceholders.Name] = FirstName(contact.Name) };
        if (booking is not null)
        {
            var zone = (await timeZones.GetAsync(consultantId, contact.Phone)).TimeZone;
            var start = Instant.FromDateTimeOffset(booking.StartsAt).InZone(Common.TimeZones.Get(zone)).ToDateTimeUnspecified();
            values["{date}"] = start.ToString(BookingTexts.Get("DateFormat", language), language.Culture);
            values["{time}"] = start.ToString("HH:mm", language.Culture);
            values[MessagePlaceholders.Link] = booking.MeetingLink;
        }

        var text = Fill(TextFor(rule, language.Code), values);
        var template = rule.Template is { } t
            ? new FollowUpTemplateUse(t.ContentSid, t.Variables.ToDictionary(pair => pair.Key, pair => Fill(pair.Value, values)))
            : null;
        return new FollowUpMessage(language.Code, text, template);
    }

    /// <summary>The message the conversation would get from <paramref name="rule"/> now, and why it would not go.</summary>
    public async Task<FollowUpPreview?> PreviewAsync(Guid consultantId, Guid conversationId, FollowUpRule rule, DateTimeOffset now)
    {
        if (await store.ContactAsync(consultantId, conversationId) is not { } contact)
        {
            return null;
        }

        var booking = FollowUpRuleKeys.IsConsultation(rule.Key) ? await BookingForPreviewAsync(consultantId, contact, rule.Key, now) : null;
        var message = await ComposeAsync(consultantId, contact, rule, booking);
        var windowOpen = Outbound.WhatsAppWindow.IsOpen(contact.Phone, contact.LastInboundAt, now);
        var stopped = !windowOpen && message.Template is not null && !await marketing.IsAcceptingAsync(consultantId, contact.Phone);
        var wouldSkip = contact.OptedOut ? FollowUpReasons.OptedOut
            : !contact.AiEnabled ? FollowUpReasons.AiOff
            : !windowOpen && message.Template is null ? FollowUpReasons.WindowClosedNoTemplate
            : stopped ? FollowUpReasons.StoppedMarketing
            : null;
        return new FollowUpPreview(rule.Key, conversationId, message.Language, message.Text, windowOpen ? null : message.Template, wouldSkip, rule.AiWrites);
    }

    /// <summary>A placeholder for the preview when the contact has no booking: a consultation tomorrow at this hour.</summary>
    private async Task<BookedConsultation?> BookingForPreviewAsync(Guid consultantId, FollowUpContact contact, string rule, DateTimeOffset now)
    {
        var own = await bookings.ListForContactAsync(consultantId, contact.Phone, contact.ClientId, now.AddDays(-30));
        return own.Where(b => b.Status == BookingStatus.Scheduled).OrderBy(b => Math.Abs((b.StartsAt - now).Ticks)).FirstOrDefault()
            ?? new BookedConsultation(Guid.Empty, consultantId, contact.Phone, contact.ClientId, contact.Name,
                new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(now.UtcDateTime.Hour), TimeSpan.Zero), 60,
                BookingStatus.Scheduled, 0, string.Empty, "https://meet.example/…");
    }

    private static string TextFor(FollowUpRule rule, string language) =>
        new[] { language, "it", "en" }.Select(code => rule.Texts.GetValueOrDefault(code)).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text))
        ?? rule.Texts.Values.FirstOrDefault(text => !string.IsNullOrWhiteSpace(text))
        ?? string.Empty;

    private static string Fill(string text, IReadOnlyDictionary<string, string?> values) => MessagePlaceholders.Fill(text, values);

    /// <summary>"Giulia" of "Giulia Bianchi"; a phone number or nothing stays as it is.</summary>
    private static string FirstName(string name) =>
        name.StartsWith('+') || string.IsNullOrWhiteSpace(name) ? string.Empty : name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    /// <summary>Twilio's ContentVariables: the values as a JSON object.</summary>
    public static OutboundTemplate ToOutbound(FollowUpTemplateUse template) =>
        new(template.ContentSid, JsonSerializer.Serialize(template.Variables));
}
