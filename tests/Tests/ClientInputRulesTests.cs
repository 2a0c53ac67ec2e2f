using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>
/// The rules behind the client pages and the simulator, as the API gives them too: one e-mail rule, a duplicate phone
/// that names whose it is, a CSV file refused as a whole, and local phone numbers of the consultant's country.
/// </summary>
public sealed class ClientInputRulesTests : HostFixture
{
    [TestCase("sara@example")]
    [TestCase("Sara <sara@example.com>")]
    [TestCase("sara @example.com")]
    [TestCase("sara@example..com")]
    public async Task An_address_registration_refuses_is_refused_for_a_client_too(string email)
    {
        using var anonymous = Host.CreateClient();
        var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "long-enough-pass", name = "Sara" });
        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ErrorsOfAsync(registered), Does.ContainKey("email"));

        using var consultant = await Host.RegisterConsultantAsync();
        var client = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Sara Neri", phone = "+393330001111", email });
        Assert.That(client.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await ErrorsOfAsync(client), Does.ContainKey("email"));
    }

    [Test]
    public async Task An_ordinary_address_is_taken_for_both()
    {
        Assert.That(EmailAddresses.IsValid("sara.neri+coach@example.co.uk"), Is.True);
        using var consultant = await Host.RegisterConsultantAsync(email: $"giulia{Guid.NewGuid():N}@studio-rossi.it");
        var client = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Sara Neri", phone = "+393330001112", email = "sara@example.com" });
        Assert.That(client.StatusCode, Is.EqualTo(HttpStatusCode.Created), await client.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_duplicate_phone_names_the_consultants_own_client_who_has_it()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        (await other.Http.PostAsJsonAsync("/api/clients", new { name = "Someone Else's Client", phone = "+393471234999" })).EnsureSuccessStatusCode();
        (await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Marco Bianchi", phone = "+393471234999" })).EnsureSuccessStatusCode();

        var duplicate = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Marco B.", phone = "347 123 4999" });
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var message = (await ErrorsOfAsync(duplicate))["phone"][0];
        Assert.That(message, Is.EqualTo("Your client Marco Bianchi already has the number +39 347 123 4999."), "written as the clients list writes it");

        var second = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Anna Verdi", phone = "+393471234998" });
        var id = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var moved = await consultant.Http.PutAsJsonAsync($"/api/clients/{id}", new { name = "Anna Verdi", phone = "+393471234999" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await ErrorsOfAsync(moved))["phone"][0], Does.Contain("Marco Bianchi").And.Not.Contain("Someone Else"));
    }

    [TestCase("fullname,mobile\nAna,+5511987654321\n", "Missing columns: name, phone.")]
    [TestCase("name,mobile\nAna,+5511987654321\n", "Missing column: phone.")]
    [TestCase("", "The file is empty")]
    public async Task A_csv_without_its_required_columns_is_refused_as_a_whole(string csv, string says)
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        var report = await (await consultant.Http.PostAsync("/api/clients/import", body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("refused").GetBoolean(), Is.True);
        Assert.That(report.GetProperty("errors")[0].GetProperty("message").GetString(), Does.StartWith(says));

        using var good = new StringContent("name,phone\nAna,+5511987654322\n", Encoding.UTF8, "text/csv");
        var imported = await (await consultant.Http.PostAsync("/api/clients/import", good)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((imported.GetProperty("refused").GetBoolean(), imported.GetProperty("imported").GetInt32()), Is.EqualTo((false, 1)));
    }

    [Test]
    public async Task The_simulator_takes_a_lead_number_of_the_consultants_default_country()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        (await consultant.Http.PutAsJsonAsync("/api/account/settings", new { defaultCountry = "ES" })).EnsureSuccessStatusCode();

        var posted = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = "612 345 678", text = "Hola" });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await posted.Content.ReadAsStringAsync());
        var conversationId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetGuid();
        Assert.That(conversationId, Is.EqualTo(ConversationKey.IdFor(consultant.Id, ConversationKey.Simulated("+34612345678"))));

        var wrong = await consultant.Http.PostAsJsonAsync("/api/whatsapp/simulator/messages", new { phone = "12", text = "Hola" });
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ErrorsOfAsync(wrong))["phone"][0], Does.Contain("default country (ES"));
    }

    [TestCase("IT", "+39 3")]
    [TestCase("ES", "+34 6")]
    [TestCase("US", "+1 201-555-01")]
    public void The_simulators_lead_number_is_a_mobile_number_of_the_country(string country, string startsWith)
    {
        foreach (var variant in new[] { 0, 42, 99 })
        {
            var number = PhoneNumberNormalizer.ExampleNumber(country, variant);
            Assert.That(number, Does.StartWith(startsWith));
            Assert.That(PhoneNumberNormalizer.TryNormalize(number, out _), Is.True, number);
        }
    }

    private static async Task<Dictionary<string, string[]>> ErrorsOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
}
