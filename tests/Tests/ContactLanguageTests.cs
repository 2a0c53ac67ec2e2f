using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Languages;

namespace Consultant.Tests;

/// <summary>
/// The contact's language end to end: recorded on the conversation, told to the AI, sticky against short messages,
/// used for the assistant's own texts, and chosen by the consultant.
/// </summary>
public sealed class ContactLanguageTests : PipelineFixture
{
    private static string Digits(int count) =>
        Random.Shared.NextInt64((long)Math.Pow(10, count - 1), (long)Math.Pow(10, count)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The conversation's language, once it is listed (its row is written just after the webhook's acknowledgement).</summary>
    private async Task<(string? Language, string? Source)> LanguageOfAsync(WhatsAppTenant tenant, string phone)
    {
        await ListedAsync(tenant, [phone]);
        var conversation = await tenant.Consultant.Http.GetFromJsonAsync<JsonElement>(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}");
        return (conversation.GetProperty("language").GetString(), conversation.GetProperty("languageSource").GetString());
    }

    private Task<HttpResponseMessage> SetLanguageAsync(HttpClient http, Guid consultantId, string phone, string? language) =>
        http.PutAsJsonAsync($"/api/whatsapp/conversations/{ConversationKey.IdFor(consultantId, phone)}/language", new { language });

    [Test]
    public async Task A_new_spanish_lead_is_recorded_as_spanish_the_ai_is_told_so_and_ok_does_not_switch_it()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-spanish");
        var phone = NewContactPhone(); // a Brazilian number: the start would be English

        await SendAsync(tenant, phone, "Hola, quiero información sobre vuestros programas");
        await WaitForRepliesAsync(phone, 1);
        var first = Ai.Requests.Last(r => r.AllText.Contains("vuestros programas"));
        Assert.That(first.SystemPrompt, Does.Contain("The contact's language is Spanish"));
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("es", "detected")));

        await SendAsync(tenant, phone, "ok");
        await WaitForRepliesAsync(phone, 2);
        var second = Ai.Requests.Last(r => r.AllText.Contains("vuestros programas") && r.Messages[^1].Content == "ok");
        Assert.That(second.SystemPrompt, Does.Contain("The contact's language is Spanish"), "\"ok\" does not switch the language");
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("es", "detected")));
    }

    [Test]
    public async Task A_lead_with_an_italian_number_writing_a_clear_english_sentence_first_is_answered_in_english()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-english-from-italy");
        var phone = "+393" + Digits(9); // an Italian number: the start would be Italian
        const string english = "Can I book a session for tomorrow?"; // English 0.86 among the four: a clear sentence, not 0.9

        await SendAsync(tenant, phone, english);
        await WaitForRepliesAsync(phone, 1);
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains(english)).SystemPrompt, Does.Contain("The contact's language is English"));
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("en", "detected")));
    }

    [Test]
    public async Task Stop_from_a_french_contact_is_confirmed_in_french_and_from_an_italian_client_in_italian()
    {
        using var tenant = await NewTenantAsync();
        var french = "+336" + Digits(8);
        await SendAsync(tenant, french, "STOP");
        await WaitForRepliesAsync(french, 1);
        Assert.That(SentTo(french).Single().Body, Is.EqualTo(ContactTexts.OptOutConfirmation(ContactLanguage.French)));
        Assert.That(await LanguageOfAsync(tenant, french), Is.EqualTo(("fr", "phone")));

        var italian = NewContactPhone(); // a Brazilian number: the client's record says Italian
        var added = await tenant.Consultant.Http.PostAsJsonAsync("/api/clients", new { name = "Giulia Bianchi", phone = italian, language = "it" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        await SendAsync(tenant, italian, "Stop");
        await WaitForRepliesAsync(italian, 1);
        Assert.That(SentTo(italian).Single().Body, Is.EqualTo(ContactTexts.OptOutConfirmation(ContactLanguage.Italian)));
        Assert.That(await LanguageOfAsync(tenant, italian), Is.EqualTo(("it", "client")));

        await WaitUntilSettledAsync(tenant, italian);
        await SendAsync(tenant, italian, "START");
        await WaitForRepliesAsync(italian, 2);
        Assert.That(SentTo(italian).Last().Body, Is.EqualTo(ContactTexts.OptInConfirmation(ContactLanguage.Italian)));
    }

    [Test]
    public async Task Back_to_automatic_after_a_choice_returns_to_the_language_the_contacts_messages_decided()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-back");
        var http = tenant.Consultant.Http;
        var phone = "+393" + Digits(9); // an Italian number: the start would be Italian
        await SendAsync(tenant, phone, "Hola, quiero información sobre vuestros programas");
        await WaitForRepliesAsync(phone, 1);
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("es", "detected")));

        Assert.That((await SetLanguageAsync(http, tenant.Consultant.Id, phone, "fr")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("fr", "consultant")));

        Assert.That((await SetLanguageAsync(http, tenant.Consultant.Id, phone, null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("es", "detected")), "her messages decided Spanish, not her number");
    }

    [Test]
    public async Task The_consultants_choice_sticks_against_a_long_english_message_and_null_returns_to_automatic()
    {
        using var tenant = await NewTenantAsync();
        await AddPoolKeyAsync("pool-key-choice");
        var http = tenant.Consultant.Http;
        var phone = "+346" + Digits(8);
        await SendAsync(tenant, phone, "Hola");
        await WaitForRepliesAsync(phone, 1);
        await WaitUntilSettledAsync(tenant, phone);
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("es", "phone")));

        var chosen = await SetLanguageAsync(http, tenant.Consultant.Id, phone, "it");
        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.OK), await chosen.Content.ReadAsStringAsync());
        var body = await chosen.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((body.GetProperty("language").GetString(), body.GetProperty("languageSource").GetString()), Is.EqualTo(("it", "consultant")));

        const string english = "Hi, I would like to know more about your coaching programs and their prices, please";
        await SendAsync(tenant, phone, english);
        await WaitForRepliesAsync(phone, 2);
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains(english)).SystemPrompt, Does.Contain("The contact's language is Italian"));
        await SendAsync(tenant, phone, "can you write in English?");
        await WaitForRepliesAsync(phone, 3);
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("it", "consultant")), "only the consultant changes their choice");

        Assert.That((await SetLanguageAsync(http, tenant.Consultant.Id, phone, null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("es", "phone")), "automatic again: the start until a message decides");
    }

    [Test]
    public async Task A_bad_language_is_400_naming_language_and_another_consultants_conversation_is_404()
    {
        using var tenant = await NewTenantAsync();
        var phone = "+336" + Digits(8);
        await SendAsync(tenant, phone, "STOP");
        await WaitForRepliesAsync(phone, 1);
        await ListedAsync(tenant, [phone]); // until then the conversation is not found

        var bad = await SetLanguageAsync(tenant.Consultant.Http, tenant.Consultant.Id, phone, "de");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("language")[0].GetString(), Does.Contain("it, en, es or fr"));

        using var other = await Host.RegisterConsultantAsync();
        var foreign = await SetLanguageAsync(other.Http, tenant.Consultant.Id, phone, "it");
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await LanguageOfAsync(tenant, phone), Is.EqualTo(("fr", "phone")));
    }
}
