using System.Globalization;
using Consultant.Grains.Analytics;
using Consultant.Grains.Booking;
using Consultant.Web.Localization;
using Consultant.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;

namespace Consultant.Web.Calendar;

/// <summary>
/// The consultant's week in their time zone: consultations (a hold faint), the week before and after, today; book
/// for a contact, move or cancel a consultation (the contact is told in the chat, and the page says whether), open
/// the chat. <c>?week=yyyy-mm-dd</c> opens the week holding that day. On a phone one day shows at a time (app.css): today
/// when the week holds it, else the day asked for, else the Monday.
/// </summary>
public sealed partial class CalendarPage
{
    private enum Panel
    {
        None,
        Book,
        Move,
        Cancel,
    }

    private Guid consultantId;
    private CalendarWeek? week;
    private DateOnly shownDay; // the day a phone shows (wider screens show the whole week)
    private IReadOnlyList<BookedConsultation> bookings = [];
    private IReadOnlyDictionary<Guid, string> chats = new Dictionary<Guid, string>();
    private Panel panel;
    private BookedConsultation? selected;
    private string? notice;
    private bool noticeSent;
    private string? loadError;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "week")]
    private string? WeekOf { get; set; }

    [Inject] private BookingService Bookings { get; set; } = null!;
    [Inject] private ConsultantClock Clock { get; set; } = null!;
    [Inject] private ServiceMessages Messages { get; set; } = null!;
    [Inject] private ILogger<CalendarPage> Logger { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        consultantId = await CurrentConsultant.GetIdAsync(AuthenticationState);
        await Clock.LoadAsync(consultantId);
        var first = DateOnly.TryParseExact(WeekOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : Clock.Today;
        await ShowAsync(CalendarWeek.Of(first), first);
    }

    /// <param name="day">The day a phone shows, when <paramref name="shown"/> holds it; else today, else the Monday.</param>
    private async Task ShowAsync(CalendarWeek shown, DateOnly day)
    {
        try
        {
            bookings = await Bookings.ListAsync(consultantId, AnalyticsPeriod.Of(shown.Monday, shown.Sunday).Value!);
            chats = await Bookings.ChatAddressesAsync(consultantId, bookings);
            week = shown;
            shownDay = Holds(shown, day) ? day : Holds(shown, Clock.Today) ? Clock.Today : shown.Monday;
            loadError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "The calendar could not be loaded");
            loadError = L["The calendar could not be loaded. Reload the page in a moment."];
        }
    }

    private static bool Holds(CalendarWeek shown, DateOnly day) => day >= shown.Monday && day <= shown.Sunday;

    private string DayClass(DateOnly day) =>
        "pa-2 calendar-day" + (day == Clock.Today ? " calendar-today" : "") + (day == shownDay ? " calendar-shown" : "");

    private string StripDayClass(DateOnly day) =>
        "calendar-strip-day" + (day == Clock.Today ? " calendar-strip-today" : "") + (day == shownDay ? " calendar-strip-shown" : "");

    /// <summary>A strip day read out whole: "Tuesday 3 Dec, 2 consultations".</summary>
    private string StripDayLabel(DateOnly day, int consultations) =>
        day.ToString("dddd d MMM", CultureInfo.CurrentCulture) + ", "
        + (consultations == 1 ? L["1 consultation"] : L["{0} consultations", consultations]);

    private IEnumerable<BookedConsultation> OnDay(DateOnly day) =>
        bookings.Where(b => DateOnly.FromDateTime(Clock.ToLocal(b.StartsAt).DateTime) == day).OrderBy(b => b.StartsAt);

    /// <summary>A new change begins: the notice of the previous one (told or not) was about that one, so it goes.</summary>
    private void OpenBook() => (panel, selected, notice) = (Panel.Book, null, null);

    private void Open(Panel chosen, BookedConsultation booking) => (panel, selected, notice) = (chosen, booking, null);

    private void Close() => (panel, selected) = (Panel.None, null);

    /// <summary>A change went through: the week again, and whether the contact was told in the chat (and why not).</summary>
    private async Task ChangedAsync(BookingChange change)
    {
        var done = change.Booking.Status == BookingStatus.Cancelled ? L["Consultation cancelled."]
            : panel == Panel.Move ? L["Consultation moved."]
            : L["Consultation booked."];
        noticeSent = change.ContactMessage.Sent;
        notice = noticeSent
            ? $"{done} {L["The contact was told in the chat."]}"
            : $"{done} {L["The contact was not told: {0}", Messages.Translate(change.ContactMessage.Problem ?? string.Empty)]}";
        Close();
        var bookedDay = DateOnly.FromDateTime(Clock.ToLocal(change.Booking.StartsAt).DateTime);
        await ShowAsync(CalendarWeek.Of(bookedDay), bookedDay);
    }
}
