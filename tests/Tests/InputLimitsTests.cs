using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Consultant.Tests;

/// <summary>Every free-text and numeric field has a stated limit: beyond it the answer is 400 naming the field, never 500.</summary>
public sealed class InputLimitsTests : HostFixture
{
    private static readonly string HugeText = new('x', 100_000);

    private static async Task AssertRefusedNamingAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.That(errors.TryGetProperty(field, out _), $"'{field}' is not named in {errors}");
        }
    }

    private async Task<string> CreateClientAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/clients", new { name = "Limits", phone = "+14155550142" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Test]
    public async Task Registration_refuses_a_name_over_200_characters_and_an_email_over_254()
    {
        using var anonymous = Host.CreateClient();
        var longEmail = new string('a', 250) + "@example.com";

        var response = await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = longEmail, password = "long-enough-password", name = new string('n', 201) });

        await AssertRefusedNamingAsync(response, "email", "name");
    }

    [Test]
    public async Task Overlong_text_in_a_client_or_its_records_is_400_naming_the_field()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var http = consultant.Http;
        var id = await CreateClientAsync(http);

        await AssertRefusedNamingAsync(await http.PostAsJsonAsync("/api/clients",
            new { name = HugeText, phone = "+14155550143", email = new string('e', 250) + "@example.com", goals = HugeText }), "name", "email", "goals");
        await AssertRefusedNamingAsync(await http.PutAsJsonAsync($"/api/clients/{id}/workout-plan",
            new { title = HugeText, details = HugeText }), "title", "details");
        await AssertRefusedNamingAsync(await http.PostAsJsonAsync($"/api/clients/{id}/exercise-logs",
            new { performedOn = "2026-11-20", exercise = HugeText, notes = HugeText }), "exercise", "notes");
        await AssertRefusedNamingAsync(await http.PutAsJsonAsync($"/api/clients/{id}/finance",
            new { currency = HugeText, monthlyIncome = 1, monthlyExpenses = 1, savingsGoal = 1, notes = HugeText }), "currency", "notes");
        await AssertRefusedNamingAsync(await http.PostAsJsonAsync($"/api/clients/{id}/consultations",
            new { scheduledAt = "2026-12-01T10:00:00Z", topic = HugeText, notes = HugeText }), "topic", "notes");

        var records = await http.GetFromJsonAsync<JsonElement>($"/api/clients/{id}/records");
        Assert.That(records.GetProperty("exerciseLog").GetArrayLength() + records.GetProperty("consultations").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Out_of_range_numbers_are_400_naming_the_field_never_500()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var http = consultant.Http;
        var id = await CreateClientAsync(http);

        await AssertRefusedNamingAsync(await http.PostAsJsonAsync($"/api/clients/{id}/exercise-logs",
            new { performedOn = "2026-11-20", exercise = "Squat", sets = 1_000_000, reps = -1, weightKg = 1_000_000m }), "sets", "reps", "weightKg");
        await AssertRefusedNamingAsync(await http.PutAsJsonAsync($"/api/clients/{id}/finance",
            new { currency = "EUR", monthlyIncome = 1e15m, monthlyExpenses = -5m, savingsGoal = 999_999_999_999.999m }), "monthlyIncome", "monthlyExpenses", "savingsGoal");
        await AssertRefusedNamingAsync(await http.PostAsJsonAsync($"/api/clients/{id}/consultations",
            new { scheduledAt = "2026-12-01T10:00:00Z", topic = "Review", durationMinutes = int.MaxValue }), "durationMinutes");

        // Numbers too big for their type never reach the service: the JSON reader's refusal names the field too.
        using var tooBig = new StringContent(
            """{"performedOn":"2026-11-20","exercise":"Squat","sets":99999999999999999999}""", Encoding.UTF8, "application/json");
        await AssertRefusedNamingAsync(await http.PostAsync($"/api/clients/{id}/exercise-logs", tooBig), "sets");
        using var hugeAmount = new StringContent(
            """{"currency":"EUR","monthlyIncome":1e40,"monthlyExpenses":1,"savingsGoal":1}""", Encoding.UTF8, "application/json");
        await AssertRefusedNamingAsync(await http.PutAsync($"/api/clients/{id}/finance", hugeAmount), "monthlyIncome");
    }

    [Test]
    public async Task Csv_import_rows_follow_the_same_limits()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var csv = "name,phone,email,language,goals\n"
            + $"{new string('n', 201)},+14155550150,,en,\n"
            + $"Long Mail,+14155550151,{new string('e', 250)}@example.com,en,\n"
            + $"Long Goals,+14155550152,,en,{new string('g', 4001)}\n"
            + "Fine,+14155550153,,en,Run\n";
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");

        var report = await (await consultant.Http.PostAsync("/api/clients/import", body)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(1));
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { (2, "name"), (3, "email"), (4, "goals") }));
    }
}
