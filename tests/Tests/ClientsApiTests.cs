using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;

namespace Consultant.Tests;

public sealed class ClientsApiTests : HostFixture
{
    private static async Task<JsonElement> CreateAsync(HttpClient http, string name, string phone)
    {
        var response = await http.PostAsJsonAsync("/api/clients", new { name, phone, email = "x@example.com", language = "en", goals = "Run 10 km" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task A_client_is_created_with_the_phone_in_E164_and_can_be_read_updated_and_deleted()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var created = await CreateAsync(consultant.Http, "Ana Souza", "whatsapp:+55 (11) 98765-4321");
        Assert.That(created.GetProperty("phone").GetString(), Is.EqualTo("+5511987654321"));
        var id = created.GetProperty("id").GetString();

        var updated = await consultant.Http.PutAsJsonAsync($"/api/clients/{id}", new { name = "Ana S.", phone = "+5511987654321", language = "ES" });
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var read = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{id}");
        Assert.That(read.GetProperty("name").GetString(), Is.EqualTo("Ana S."));
        Assert.That(read.GetProperty("language").GetString(), Is.EqualTo("es"));

        Assert.That((await consultant.Http.DeleteAsync($"/api/clients/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await consultant.Http.GetAsync($"/api/clients/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_client_language_is_it_en_es_or_fr_or_not_set_and_anything_else_is_400_naming_language()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var portuguese = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Paulo", phone = "+5511912345678", language = "pt" });
        Assert.That(portuguese.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var message = (await portuguese.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("language")[0].GetString();
        Assert.That(message, Does.Contain("it, en, es or fr"));

        var notSet = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Nora", phone = "+14155550177" });
        Assert.That(notSet.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await notSet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").ValueKind, Is.EqualTo(JsonValueKind.Null),
            "not set is a state of its own, not English");

        using var csv = new StringContent("name,phone,language\nLuca,+393471112233,it\nPaula,+5511912340000,pt-BR\n", Encoding.UTF8, "text/csv");
        var report = await (await consultant.Http.PostAsync("/api/clients/import", csv)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(1), report.ToString());
        Assert.That(report.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("language"));
    }

    [Test]
    public async Task Invalid_phone_is_400_naming_the_field_and_a_duplicate_phone_is_409()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var invalid = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Bad", phone = "12345" });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("phone", out _));

        await CreateAsync(consultant.Http, "First", "+14155550100");
        var duplicate = await consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Second", phone = "+1 415 555 0100" });
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Another_consultant_gets_404_for_my_client_and_never_sees_it_listed()
    {
        using var owner = await Host.RegisterConsultantAsync();
        using var other = await Host.RegisterConsultantAsync();
        var id = (await CreateAsync(owner.Http, "Private Client", "+393471234567")).GetProperty("id").GetString();

        Assert.Multiple(async () =>
        {
            Assert.That((await other.Http.GetAsync($"/api/clients/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.GetAsync($"/api/clients/{id}/records")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.PutAsJsonAsync($"/api/clients/{id}", new { name = "Stolen", phone = "+393471234567" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.PutAsJsonAsync($"/api/clients/{id}/finance", new { currency = "EUR", monthlyIncome = 1, monthlyExpenses = 1, savingsGoal = 1 })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.DeleteAsync($"/api/clients/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await other.Http.GetFromJsonAsync<JsonElement>("/api/clients")).GetProperty("total").GetInt32(), Is.EqualTo(0));
        });

        // The same phone is allowed for a different consultant: uniqueness is per consultant.
        await CreateAsync(other.Http, "Their own client", "+393471234567");
        Assert.That((await owner.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{id}")).GetProperty("name").GetString(), Is.EqualTo("Private Client"));
    }

    [Test]
    public async Task Records_hold_workouts_finances_and_consultations()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var id = (await CreateAsync(consultant.Http, "James", "+14155550123")).GetProperty("id").GetString();

        Assert.That((await consultant.Http.PutAsJsonAsync($"/api/clients/{id}/workout-plan", new { title = "Upper/lower", details = "4 days" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await consultant.Http.PostAsJsonAsync($"/api/clients/{id}/exercise-logs", new { performedOn = "2026-11-20", exercise = "Bench press", sets = 4, reps = 8, weightKg = 80.5 })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await consultant.Http.PutAsJsonAsync($"/api/clients/{id}/finance", new { currency = "usd", monthlyIncome = 7800, monthlyExpenses = 5100, savingsGoal = 25000 })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await consultant.Http.PostAsJsonAsync($"/api/clients/{id}/consultations", new { scheduledAt = "2030-12-03T10:00:00Z", durationMinutes = 45, topic = "Review" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var invalid = await consultant.Http.PostAsJsonAsync($"/api/clients/{id}/consultations", new { durationMinutes = 2, status = "maybe" });
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("topic", out _) && errors.TryGetProperty("scheduledAt", out _) && errors.TryGetProperty("durationMinutes", out _) && errors.TryGetProperty("status", out _));

        var records = await consultant.Http.GetFromJsonAsync<JsonElement>($"/api/clients/{id}/records");
        Assert.Multiple(() =>
        {
            Assert.That(records.GetProperty("workoutPlan").GetProperty("title").GetString(), Is.EqualTo("Upper/lower"));
            Assert.That(records.GetProperty("exerciseLog")[0].GetProperty("weightKg").GetDecimal(), Is.EqualTo(80.5m));
            Assert.That(records.GetProperty("exerciseLog")[0].GetProperty("performedOn").GetString(), Is.EqualTo("2026-11-20"));
            Assert.That(records.GetProperty("finance").GetProperty("currency").GetString(), Is.EqualTo("USD"));
            Assert.That(records.GetProperty("consultations")[0].GetProperty("status").GetString(), Is.EqualTo("scheduled"));
            Assert.That(records.GetProperty("consultations")[0].GetProperty("scheduledAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.Parse("2030-12-03T10:00:00Z")));
        });
    }

    [Test]
    public async Task Csv_import_keeps_good_rows_and_reports_bad_ones_by_line()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        await CreateAsync(consultant.Http, "Existing", "+14155550199");
        const string csv = """
            name,phone,email,language,goals
            Maria Lopez,+34 612 345 678,maria@example.com,es,Lose 5 kg
            No Phone,,nophone@example.com,en,
            Bad Email,+447911123456,not-an-email,en,
            Existing Again,+14155550199,,en,
            "Quoted, Name",+61412345678,,en,"Save, invest"
            """;
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "clients.csv" },
        };

        var response = await consultant.Http.PostAsync("/api/clients/import", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(2));
        Assert.That(report.GetProperty("failed").GetInt32(), Is.EqualTo(3));
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        Assert.That(errors, Is.EquivalentTo(new[] { (3, "phone"), (4, "email"), (5, "phone") }));

        var list = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=quoted");
        Assert.That(list.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Quoted, Name"));
        Assert.That(list.GetProperty("items")[0].GetProperty("goals").GetString(), Is.EqualTo("Save, invest"));
    }

    [Test]
    public async Task The_example_csv_is_served_without_sign_in_has_exactly_the_importers_columns_and_imports_cleanly()
    {
        using var anonymous = Host.CreateClient();
        var example = await anonymous.GetAsync("/api/clients/import/example.csv");
        Assert.That(example.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(example.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(example.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("clients-example.csv"));
        var csv = await example.Content.ReadAsStringAsync();
        Assert.That(csv.Split('\n')[0], Is.EqualTo(string.Join(",", Consultant.Grains.Clients.ClientCsvImporter.KnownColumns)));

        using var consultant = await Host.RegisterConsultantAsync();
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "clients-example.csv" } };
        var report = await (await consultant.Http.PostAsync("/api/clients/import", content)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("errors").GetArrayLength(), Is.Zero, report.ToString());
        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(csv.Trim().Split('\n').Length - 1), "every example row");
    }

    [Test]
    public async Task Csv_import_without_the_required_columns_says_which_are_missing()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        using var body = new StringContent("fullname,mobile\nAna,+5511987654321\n", Encoding.UTF8, "text/csv");
        var report = await (await consultant.Http.PostAsync("/api/clients/import", body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(0));
        Assert.That(report.GetProperty("errors")[0].GetProperty("message").GetString(), Does.Contain("name").And.Contain("phone"));
    }

    [Test]
    public async Task The_list_is_searched_and_paged()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(consultant.Http, $"Person {i}", $"+1415555020{i}");
        }

        var page = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?page=2&pageSize=2");
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(5));
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        Assert.That(page.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Person 2"));

        var search = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=5550203");
        Assert.That(search.GetProperty("total").GetInt32(), Is.EqualTo(1));
    }

    [TestCase("+1 415-555-0203", Description = "as the list shows it")]
    [TestCase("(415) 555 0203")]
    [TestCase("001 415 555 0203", Description = "00 instead of +")]
    [TestCase("4155550203")]
    [TestCase("Person 3")]
    public async Task A_client_is_found_by_their_number_however_it_is_typed(string typed)
    {
        using var consultant = await Host.RegisterConsultantAsync();
        for (var i = 2; i <= 3; i++)
        {
            await CreateAsync(consultant.Http, $"Person {i}", $"+1415555020{i}");
        }

        var found = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=" + Uri.EscapeDataString(typed));
        Assert.That(found.GetProperty("items").EnumerateArray().Select(client => client.GetProperty("phone").GetString()),
            Is.EqualTo(new[] { "+14155550203" }), typed);
    }

    [Test]
    public async Task A_national_zero_and_a_name_with_digits_find_only_whom_they_name()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        await CreateAsync(consultant.Http, "Olivia Brown", "+447911123456");
        await CreateAsync(consultant.Http, "Room 101", "+393331234567");

        async Task<string[]> NamesAsync(string typed) =>
            (await consultant.Http.GetFromJsonAsync<JsonElement>("/api/clients?search=" + Uri.EscapeDataString(typed))).GetProperty("items")
                .EnumerateArray().Select(client => client.GetProperty("name").GetString()!).ToArray();

        Assert.That(await NamesAsync("07911 123456"), Is.EqualTo(new[] { "Olivia Brown" }), "a British number with its national 0");
        Assert.That(await NamesAsync("+39 333 123 4567"), Is.EqualTo(new[] { "Room 101" }));
        Assert.That(await NamesAsync("Room 101"), Is.EqualTo(new[] { "Room 101" }), "a name with digits is a name, not a number");
    }
}
