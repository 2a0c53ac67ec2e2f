using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Consultant.Tests;

public sealed class WhatsAppConfigApiTests : HostFixture
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    private static object ValidConfig(string number, string? authToken = "f1e2d3c4b5a69788796a5b4c3d2e1f00", string? aiApiKey = null) => new
    {
        accountSid = AccountSid,
        authToken,
        whatsappNumber = number,
        isActive = true,
        autoResponseEnabled = true,
        aiApiKey,
        mode = "webhook",
    };

    private static string NewNumber() => "+1415" + Random.Shared.Next(1000000, 9999999);

    [Test]
    public async Task Invalid_fields_are_named_in_a_problem_details_response()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var response = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", new
        {
            accountSid = "AB123",
            authToken = "f1e2d3c4b5a69788796a5b4c3d2e1f00",
            whatsappNumber = "0800-123",
            mode = "carrier-pigeon",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("accountSid")[0].GetString(), Does.Contain("AC"));
        Assert.That(errors.GetProperty("whatsappNumber")[0].GetString(), Does.Contain("E.164"));
        Assert.That(errors.GetProperty("mode")[0].GetString(), Does.Contain("polling"));

        var tooShort = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig("+123456789"));
        Assert.That((await tooShort.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("whatsappNumber", out _));
    }

    [Test]
    public async Task First_save_needs_the_auth_token()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var response = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(NewNumber(), authToken: null));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("authToken", out _));
    }

    [Test]
    public async Task Saved_config_comes_back_without_secrets_and_keeps_the_token_when_omitted()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var number = NewNumber();
        var saved = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig("whatsapp:" + number, aiApiKey: "fake-ai-key-for-tests-1"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var update = await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(number, authToken: null));
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var config = await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/config");
        Assert.Multiple(() =>
        {
            Assert.That(config.GetProperty("whatsappNumber").GetString(), Is.EqualTo(number), "whatsapp: prefix removed");
            Assert.That(config.GetProperty("hasAuthToken").GetBoolean(), Is.True);
            Assert.That(config.GetProperty("hasAiApiKey").GetBoolean(), Is.True);
            Assert.That(config.GetProperty("status").GetString(), Is.EqualTo("configured"));
            Assert.That(config.TryGetProperty("authToken", out _), Is.False);
            Assert.That(config.TryGetProperty("aiApiKey", out _), Is.False);
        });
    }

    [Test]
    public async Task Secrets_appear_in_no_response_and_not_in_plaintext_in_the_database()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        const string token = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
        const string aiKey = "AIzaDistinctiveAiKey0000111122223333";
        Twilio.AddAccount(AccountSid, token);

        var responses = new List<string>
        {
            await (await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(NewNumber(), token, aiKey))).Content.ReadAsStringAsync(),
            await consultant.Http.GetStringAsync("/api/whatsapp/config"),
            await (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).Content.ReadAsStringAsync(),
        };
        Assert.That(responses, Has.None.Contains(token).And.None.Contains(aiKey));

        var everything = await DumpDatabaseAsTextAsync(Host.ConnectionString);
        Assert.That(everything, Does.Not.Contain(token));
        Assert.That(everything, Does.Not.Contain(aiKey));
        Assert.That(everything, Does.Contain(AccountSid), "the dump does include the stored settings");
    }

    [Test]
    public async Task A_number_belongs_to_one_consultant_only()
    {
        using var first = await Host.RegisterConsultantAsync();
        using var second = await Host.RegisterConsultantAsync();
        var number = NewNumber();
        Assert.That((await first.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(number))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var taken = await second.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(number));
        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        // The first consultant moves to another number: the old one is free again.
        Assert.That((await first.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(NewNumber()))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await second.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(number))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Test_connection_reports_success_or_twilios_error_in_words_and_sets_the_status()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        const string goodToken = "00112233445566778899aabbccddeeff";
        Twilio.AddAccount(AccountSid, goodToken);

        await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(NewNumber(), "ffeeddccbbaa99887766554433221100"));
        var failed = await (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(failed.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(failed.GetProperty("message").GetString(), Does.Contain("20003").And.Contain("Auth Token"));
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/config")).GetProperty("status").GetString(), Is.EqualTo("error"));

        await consultant.Http.PostAsJsonAsync("/api/whatsapp/config", ValidConfig(NewNumber(), goodToken));
        var passed = await (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(passed.GetProperty("success").GetBoolean(), Is.True, passed.ToString());
        Assert.That(passed.GetProperty("message").GetString(), Does.Contain("Test account"));
        Assert.That((await consultant.Http.GetFromJsonAsync<JsonElement>("/api/whatsapp/config")).GetProperty("status").GetString(), Is.EqualTo("configured"));
        Assert.That(Twilio.RequestPaths, Does.Contain($"/2010-04-01/Accounts/{AccountSid}.json"));
    }

    [Test]
    public async Task Test_connection_without_settings_says_what_to_do()
    {
        using var consultant = await Host.RegisterConsultantAsync();
        var result = await (await consultant.Http.PostAsync("/api/whatsapp/config/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(result.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(result.GetProperty("message").GetString(), Does.Contain("Save"));
    }

    /// <summary>Every row of every table as text, with grain state payloads decoded.</summary>
    private static async Task<string> DumpDatabaseAsTextAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        // Binary grain state (GrainStorage:Serializer) as text: its strings' bytes as they are, other bytes escaped.
        await using var payloads = new NpgsqlCommand("SELECT encode(payload, 'escape') FROM orleans_storage WHERE payload IS NOT NULL", connection);
        await using var payloadReader = await payloads.ExecuteReaderAsync();
        while (await payloadReader.ReadAsync())
        {
            dump.AppendLine(payloadReader.GetString(0));
        }

        return dump.ToString();
    }
}
