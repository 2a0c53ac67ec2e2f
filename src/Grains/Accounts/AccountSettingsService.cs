using Consultant.Grains.Common;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Consultant.Grains.Accounts;

/// <summary>
/// A consultant's time zone, dashboard language and default phone country, with their defaults; and "today" and
/// "this week" in that zone. Whatever counts by day, books, or keeps quiet hours reads them here, one way.
/// </summary>
public sealed class AccountSettingsService(
    AccountSettingsRepository repository, IOptions<ConsultantOptions> options, IEnumerable<ITimeZoneListener> timeZoneListeners, TimeProvider time)
{
    /// <param name="browserLanguages">The browser's Accept-Language (or navigator.languages joined by commas): the
    /// dashboard language until the consultant chooses one.</param>
    public async Task<AccountSettings> GetAsync(Guid consultantId, string? browserLanguages = null) =>
        Apply(await repository.GetAsync(consultantId), browserLanguages);

    /// <summary>Whether the consultant chose the dashboard's language (else it follows their browser's).</summary>
    public async Task<bool> HasChosenUiCultureAsync(Guid consultantId) =>
        (await repository.GetAsync(consultantId)).UiCulture is not null;

    /// <summary>Null fields stay as they are, empty ones return to their default; every field is checked before anything is saved.</summary>
    public async Task<Result<AccountSettings>> SaveAsync(
        Guid consultantId, AccountSettingsInput input, string? browserLanguages = null)
    {
        var errors = new ValidationErrors();
        var stored = await repository.GetAsync(consultantId);

        var timeZone = Change(input.TimeZone, stored.TimeZone, TimeZones.Find);
        if (timeZone.Invalid)
        {
            errors.Add("timeZone", $"'{input.TimeZone}' is not an IANA time zone; choose one such as Europe/Rome or America/New_York.");
        }

        var uiCulture = Change(input.UiCulture, stored.UiCulture, code => UiCultures.IsSupported(code.ToLowerInvariant()) ? code.ToLowerInvariant() : null);
        if (uiCulture.Invalid)
        {
            errors.Add("uiCulture", "The dashboard language is 'it' (Italian) or 'en' (English).");
        }

        var country = Change(input.DefaultCountry, stored.DefaultCountry,
            code => PhoneNumberNormalizer.IsSupportedCountry(code.ToUpperInvariant()) ? code.ToUpperInvariant() : null);
        if (country.Invalid)
        {
            errors.Add("defaultCountry", $"'{input.DefaultCountry}' is not a country code for phone numbers; use two letters such as IT, ES or US.");
        }

        if (!errors.IsEmpty)
        {
            return Problem.Invalid(errors);
        }

        var changed = new StoredAccountSettings(timeZone.Value, uiCulture.Value, country.Value);
        await repository.SaveAsync(consultantId, changed, time.GetUtcNow());
        if ((changed.TimeZone ?? options.Value.DefaultTimeZone) != (stored.TimeZone ?? options.Value.DefaultTimeZone))
        {
            foreach (var listener in timeZoneListeners)
            {
                await listener.TimeZoneChangedAsync(consultantId, null);
            }
        }

        return Apply(changed, browserLanguages);
    }

    /// <summary>The country assumed for a phone number typed without "+".</summary>
    public async Task<string> GetDefaultCountryAsync(Guid consultantId) =>
        (await repository.GetAsync(consultantId)).DefaultCountry ?? options.Value.DefaultCountry;

    /// <summary>Now, today and this week in the consultant's time zone.</summary>
    public async Task<ConsultantCalendar> GetCalendarAsync(Guid consultantId) =>
        CalendarFor((await repository.GetAsync(consultantId)).TimeZone ?? options.Value.DefaultTimeZone);

    /// <summary>The period in the consultant's time zone; null for <see cref="CalendarPeriod.Any"/>.</summary>
    public async Task<TimeRange?> GetRangeAsync(Guid consultantId, CalendarPeriod period) =>
        period == CalendarPeriod.Any ? null : (await GetCalendarAsync(consultantId)).RangeOf(period);

    /// <summary>Today and this week (ISO: from Monday) at this moment in <paramref name="timeZone"/> (an IANA id).</summary>
    public ConsultantCalendar CalendarFor(string timeZone)
    {
        var zone = TimeZones.Get(timeZone);
        var now = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(zone);
        var today = now.Date;
        var monday = today.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        return new ConsultantCalendar(
            timeZone,
            now.ToDateTimeOffset(),
            today.ToDateOnly(),
            Between(zone, today, today.PlusDays(1)),
            Between(zone, monday, monday.PlusWeeks(1)));
    }

    private AccountSettings Apply(StoredAccountSettings stored, string? browserLanguages) => new(
        stored.TimeZone ?? options.Value.DefaultTimeZone,
        stored.UiCulture ?? UiCultures.FromBrowser(browserLanguages),
        stored.DefaultCountry ?? options.Value.DefaultCountry);

    /// <summary>Days start at their first instant (not always midnight: some zones skip it for summer time).</summary>
    private static TimeRange Between(DateTimeZone zone, LocalDate from, LocalDate to) =>
        new(zone.AtStartOfDay(from).ToInstant().ToDateTimeOffset(), zone.AtStartOfDay(to).ToInstant().ToDateTimeOffset());

    /// <summary>Null keeps <paramref name="current"/>, empty text clears it, anything else must pass <paramref name="canonical"/>.</summary>
    private static (string? Value, bool Invalid) Change(string? input, string? current, Func<string, string?> canonical)
    {
        if (input is null)
        {
            return (current, false);
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            return (null, false);
        }

        var value = canonical(input.Trim());
        return (value, value is null);
    }
}
