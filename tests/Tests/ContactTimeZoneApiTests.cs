using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Booking;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>A contact's time zone: guessed from the number (a simulated contact's too), else the consultant's; chosen by the consultant per conversation.</summary>
public sealed class ContactTimeZoneApiTests : HostFixture
{
    private Task AddConversationAsync(Guid consultantId, string address) =>
        Db.ExecuteAsync(Host.ConnectionString, $"""
            INSERT INTO conversations (id, consultant_id, contact_phone, is_lead, updated_at)
            VALUES ('{ConversationKey.IdFor(consultantId, address)}', '{consultantId}', '{address}', true, now())
            """);

    private static string Path(Guid consultantId, string address) =>
        $"/api/whatsapp/conversations/{ConversationKey.IdFor(consultantId, address)}/time-zone";

    private static async Task<(string? Zone, string? Source)> ReadAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("timeZone").GetString(), body.GetProperty("source").GetString());
    }

    [Test]
    public async Task The_zone_is_the_numbers_until_the_consultant_chooses_one_and_null_returns_to_the_numbers()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        const string london = "+447911123456";
        await AddConversationAsync(consultant.Id, london);

        Assert.That(await ReadAsync(await consultant.Http.GetAsync(Path(consultant.Id, london))), Is.EqualTo(("Europe/London", "phone")));
        Assert.That(await ReadAsync(await consultant.Http.PutAsJsonAsync(Path(consultant.Id, london), new { timeZone = "america/new_york" })),
            Is.EqualTo(("America/New_York", "consultant")));
        var timeZones = Host.Services.GetRequiredService<ContactTimeZones>();
        Assert.That(await timeZones.GetAsync(consultant.Id, london), Is.EqualTo(new ContactTimeZone("America/New_York", "consultant")),
            "what the booking reads");
        Assert.That(await ReadAsync(await consultant.Http.PutAsJsonAsync(Path(consultant.Id, london), new { timeZone = (string?)null })),
            Is.EqualTo(("Europe/London", "phone")));
    }

    [Test]
    public async Task A_contact_without_a_number_has_the_consultants_zone()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Europe/Madrid" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        const string bsuid = "US.13491208655302741918";
        await AddConversationAsync(consultant.Id, bsuid);

        Assert.That(await ReadAsync(await consultant.Http.GetAsync(Path(consultant.Id, bsuid))), Is.EqualTo(("Europe/Madrid", "account")));
    }

    [Test]
    public async Task A_simulated_contact_has_the_zone_of_its_number_as_a_real_contact_would_not_the_consultants()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var saved = await consultant.Http.PutAsJsonAsync("/api/account/settings", new { timeZone = "Europe/Madrid" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        var simulated = ConversationKey.Simulated("+447911123456");
        await AddConversationAsync(consultant.Id, simulated);

        Assert.That(await ReadAsync(await consultant.Http.GetAsync(Path(consultant.Id, simulated))), Is.EqualTo(("Europe/London", "phone")));
        var timeZones = Host.Services.GetRequiredService<ContactTimeZones>();
        Assert.That(await timeZones.GetAsync(consultant.Id, simulated), Is.EqualTo(new ContactTimeZone("Europe/London", "phone")),
            "what the booking and the follow-ups read");
    }

    [Test]
    public async Task An_unknown_zone_is_400_naming_timeZone_and_another_consultants_conversation_is_404()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        const string rome = "+393471234567";
        await AddConversationAsync(consultant.Id, rome);

        var bad = await consultant.Http.PutAsJsonAsync(Path(consultant.Id, rome), new { timeZone = "Mars/Olympus_Mons" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty("timeZone", out _), await bad.Content.ReadAsStringAsync());
        Assert.That(await ReadAsync(await consultant.Http.GetAsync(Path(consultant.Id, rome))), Is.EqualTo(("Europe/Rome", "phone")), "nothing stored");

        var othersPath = Path(consultant.Id, rome);
        Assert.That((await other.Http.GetAsync(othersPath)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.Http.PutAsJsonAsync(othersPath, new { timeZone = "Europe/Paris" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
