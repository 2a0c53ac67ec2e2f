using System.Net;
using System.Net.Http.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Accounts;
using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Consultant.Grains.Languages;
using Consultant.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Consultant.Tests;

/// <summary>
/// Reads kept in memory between messages (ReadCache:Seconds): a change made on this silo is used at once; one made on
/// another silo when the lifetime is up; one consultant's value never serves another.
/// </summary>
public sealed class ReadCacheTests : PipelineFixture
{
    private const int LifetimeSeconds = 5;

    protected override IReadOnlyDictionary<string, string> HostSettings { get; } = new Dictionary<string, string>
    {
        ["ReadCache:Seconds"] = "3600", // far longer than the test: only the change itself can replace a kept value
    };

    /// <summary>The stores as two silos of one cluster would have them: each its own memory, one clock the test moves.</summary>
    private (FakeTimeProvider Time, NpgsqlDataSource Data, IOptions<ReadCacheOptions> Options) TwoSiloParts() =>
        (new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            Host.Services.GetRequiredService<NpgsqlDataSource>(), Options.Create(new ReadCacheOptions { Seconds = LifetimeSeconds }));

    [Test]
    public async Task A_time_zone_saved_in_the_account_settings_is_used_at_once()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var timeZones = Host.Services.GetRequiredService<ContactTimeZones>();
        const string withoutNumber = "US.13491208655302741918"; // a WhatsApp user id: no number, so the consultant's zone
        Assert.That(await timeZones.GetAsync(consultant.Id, withoutNumber), Is.EqualTo(new ContactTimeZone("Europe/Rome", "account")));

        var saved = await consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Europe/Madrid" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());

        Assert.That(await timeZones.GetAsync(consultant.Id, withoutNumber), Is.EqualTo(new ContactTimeZone("Europe/Madrid", "account")),
            "what the booking and the follow-ups use");
    }

    [Test]
    public async Task Account_settings_saved_on_another_silo_are_seen_when_the_lifetime_is_up_and_never_for_another_consultant()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var (time, data, options) = TwoSiloParts();
        using var here = new AccountSettingsRepository(data, time, options);
        using var elsewhere = new AccountSettingsRepository(data, time, options);
        var madrid = new StoredAccountSettings("Europe/Madrid", "it", "ES");
        await here.SaveAsync(consultant.Id, madrid, time.GetUtcNow());
        Assert.That(await elsewhere.GetAsync(consultant.Id), Is.EqualTo(madrid));
        Assert.That(await elsewhere.GetAsync(other.Id), Is.EqualTo(StoredAccountSettings.None), "kept per consultant");

        var lisbon = new StoredAccountSettings("Europe/Lisbon", "en", "PT");
        Assert.That(await here.GetAsync(consultant.Id), Is.EqualTo(madrid));
        await here.SaveAsync(consultant.Id, lisbon, time.GetUtcNow());
        Assert.That(await here.GetAsync(consultant.Id), Is.EqualTo(lisbon), "the saving silo: at once");
        Assert.That(await elsewhere.GetAsync(consultant.Id), Is.EqualTo(madrid), "another silo: within the lifetime, the value it had");

        time.Advance(TimeSpan.FromSeconds(LifetimeSeconds));
        Assert.That(await elsewhere.GetAsync(consultant.Id), Is.EqualTo(lisbon), "another silo: when the lifetime is up");
    }

    [Test]
    public async Task A_language_the_consultant_chooses_is_used_by_the_next_reply_at_once()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-read-cache");
        var phone = NewContactPhone(); // a Brazilian number: English until a message says otherwise
        const string french = "Bonjour, je voudrais des informations sur vos programmes";
        await SendAsync(tenant, phone, french);
        await WaitForRepliesAsync(phone, 1);
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains(french)).SystemPrompt, Does.Contain("The contact's language is French"));
        await WaitUntilSettledAsync(tenant, phone);

        var chosen = await tenant.Consultant.Http.PutAsJsonAsync(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}/language", new { language = "it" });
        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.OK), await chosen.Content.ReadAsStringAsync());

        const string next = "et les prix?";
        await SendAsync(tenant, phone, next);
        await WaitForRepliesAsync(phone, 2);
        Assert.That(Ai.Requests.Last(r => r.Messages[^1].Content == next).SystemPrompt, Does.Contain("The contact's language is Italian"));
    }

    [Test]
    public async Task A_contacts_language_and_time_zone_are_kept_per_consultant_and_another_silos_change_is_seen_when_the_lifetime_is_up()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var (time, data, options) = TwoSiloParts();
        var shared = Host.Services.GetRequiredService<SharedRoundTrips>(); // no cache of its own: both "silos" may share it
        using var languagesHere = new ContactLanguageStore(data, shared, time, options);
        using var languagesElsewhere = new ContactLanguageStore(data, shared, time, options);
        using var zonesHere = new ContactTimeZoneStore(data, shared, time, options);
        using var zonesElsewhere = new ContactTimeZoneStore(data, shared, time, options);
        var contact = NewContactPhone(); // the same address in both consultants' inboxes
        var spanish = new LanguageChoice(ContactLanguage.Spanish, LanguageSource.Detected);
        var french = new LanguageChoice(ContactLanguage.French, LanguageSource.Consultant);
        await languagesHere.SetAsync(consultant.Id, contact, spanish);
        await languagesHere.SetAsync(other.Id, contact, french);
        await zonesHere.SetAsync(consultant.Id, contact, "Europe/Madrid");
        await zonesHere.SetAsync(other.Id, contact, "Asia/Tokyo");
        Assert.That(await languagesElsewhere.GetAsync(consultant.Id, contact), Is.EqualTo(spanish));
        Assert.That(await languagesElsewhere.GetAsync(other.Id, contact), Is.EqualTo(french), "kept per consultant");
        Assert.That(await zonesElsewhere.GetAsync(consultant.Id, contact), Is.EqualTo("Europe/Madrid"));
        Assert.That(await zonesElsewhere.GetAsync(other.Id, contact), Is.EqualTo("Asia/Tokyo"), "kept per consultant");

        var italian = new LanguageChoice(ContactLanguage.Italian, LanguageSource.Consultant);
        Assert.That(await languagesHere.GetAsync(consultant.Id, contact), Is.EqualTo(spanish));
        Assert.That(await zonesHere.GetAsync(consultant.Id, contact), Is.EqualTo("Europe/Madrid"));
        await languagesHere.SetAsync(consultant.Id, contact, italian);
        await zonesHere.ClearAsync(consultant.Id, contact);
        Assert.That(await languagesHere.GetAsync(consultant.Id, contact), Is.EqualTo(italian), "the writing silo: at once");
        Assert.That(await zonesHere.GetAsync(consultant.Id, contact), Is.Null, "the writing silo: at once");
        Assert.That(await languagesElsewhere.GetAsync(consultant.Id, contact), Is.EqualTo(spanish), "another silo: within the lifetime");
        Assert.That(await zonesElsewhere.GetAsync(consultant.Id, contact), Is.EqualTo("Europe/Madrid"), "another silo: within the lifetime");

        await languagesHere.ClearAsync(consultant.Id, contact);
        Assert.That(await languagesHere.GetAsync(consultant.Id, contact), Is.EqualTo(spanish), "back to what the messages decided, at once");
        time.Advance(TimeSpan.FromSeconds(LifetimeSeconds));
        Assert.That(await languagesElsewhere.GetAsync(consultant.Id, contact), Is.EqualTo(spanish));
        Assert.That(await zonesElsewhere.GetAsync(consultant.Id, contact), Is.Null, "another silo: when the lifetime is up");
        Assert.That(await languagesElsewhere.GetAsync(other.Id, contact), Is.EqualTo(french));
    }

    [Test]
    public async Task A_number_the_consultant_moved_away_from_is_unknown_at_once_and_the_new_one_routes()
    {
        using var tenant = await NewTenantAsync(autoResponse: false);
        Assert.That((await SendAsync(tenant, NewContactPhone(), "to the old number")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var moved = tenant with { Number = "+1415" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        (await tenant.Consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = tenant.AccountSid, authToken = tenant.AuthToken, whatsappNumber = moved.Number, isActive = true,
            autoResponseEnabled = false, mode = "webhook",
        })).EnsureSuccessStatusCode();

        Assert.That((await SendAsync(tenant, NewContactPhone(), "to the old number again")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "released: no longer routed to its former owner");
        Assert.That((await SendAsync(moved, NewContactPhone(), "to the new number")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
