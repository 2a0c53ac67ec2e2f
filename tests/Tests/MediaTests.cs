using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Consultant.Grains.Abstractions;
using Consultant.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Tests;

/// <summary>
/// Inbound media end to end: announced by the webhook, downloaded from the fake Twilio in the background, analysed
/// by the fake AI in the OpenAI wire format, used in the reply, served to its owner only. Fixtures are generated here.
/// </summary>
public sealed class MediaTests : PipelineFixture
{
    private const string MealAnalysis =
        """{"kind":"meal","summary":"Grilled chicken with rice and broccoli","details":"About 620 kcal: 45 g protein, 70 g carbohydrate, 15 g fat","text":""}""";

    private const string StatementAnalysis =
        """{"kind":"bank_statement","summary":"October bank statement with a closing balance of 1234.56 EUR","details":"Rent 900 EUR on 1 October"}""";

    private const string VoiceTranscript = """{"transcript":"Can we move Thursday's session to Friday morning?","language":"en","summary":"Asks to move a session"}""";

    [OneTimeSetUp]
    public async Task TeachTheAiToAnalyseAsync()
    {
        await AddPoolKeyAsync("pool-key-media"); // most contacts here are leads, answered (and their media analysed) from the pool
        Ai.When(r => r.Parts("image_url").Count > 0, MealAnalysis);
        Ai.When(r => r.Parts("input_audio").Count > 0, VoiceTranscript);
        Ai.When(r => r.SystemPrompt.StartsWith("You read a document", StringComparison.Ordinal), StatementAnalysis);
    }

    [Test]
    public async Task A_meal_photo_is_downloaded_analysed_and_used_in_the_reply()
    {
        using var tenant = await NewTenantAsync(aiApiKey: "consultant-vision-key");
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Paula Photo", phone, "Lose 5 kg");
        var png = MediaFixtures.Png();
        var url = Twilio.AddMedia(tenant.AccountSid, png, "image/png", notFoundTimes: 1);

        var response = await SendMediaAsync(tenant, phone, "Is this lunch ok?", (url, "image/png"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForRepliesAsync(phone, 1);

        var vision = Ai.Requests.Last(r => r.Parts("image_url").Count > 0);
        Assert.That(vision.ApiKey, Is.EqualTo("consultant-vision-key"), "a client's media is analysed with the consultant's key");
        Assert.That(vision.Parts("image_url")[0].GetProperty("image_url").GetProperty("url").GetString(),
            Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(png)));
        var reply = Ai.Requests.Last(r => r.AllText.Contains("Is this lunch ok?") && r.Parts("image_url").Count == 0);
        Assert.That(reply.AllText, Does.Contain("Grilled chicken with rice and broccoli").And.Contain("620 kcal"));
        Assert.That(Twilio.MediaRequestCount(url), Is.EqualTo(2), "the first 404 (Twilio preparing the file) was retried");
        Assert.That(Twilio.MediaAuthorizations, Has.All.StartWith("Basic "), "Twilio's host gets the consultant's credentials");

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("state").GetString(), Is.EqualTo("done"));
        Assert.That(media.GetProperty("kind").GetString(), Is.EqualTo("image"));
        Assert.That(media.GetProperty("analysisKind").GetString(), Is.EqualTo("meal"));
        Assert.That(media.GetProperty("fileSize").GetInt64(), Is.EqualTo(png.Length));
        var stored = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT local_path FROM whatsapp_media_files WHERE id = @id", ("id", media.GetProperty("id").GetGuid()));
        Assert.That(File.ReadAllBytes(Path.Combine(Host.MediaRoot, stored!)), Is.EqualTo(png));

        // Served to the owner with its type; another consultant gets 404.
        var mediaUrl = $"/api/whatsapp/media/{media.GetProperty("id").GetGuid()}";
        var own = await tenant.Consultant.Http.GetAsync(mediaUrl);
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(own.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(own.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        Assert.That(await own.Content.ReadAsByteArrayAsync(), Is.EqualTo(png));
        using var other = await NewTenantAsync();
        Assert.That((await other.Consultant.Http.GetAsync(mediaUrl)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var anonymous = Host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.That((await anonymous.GetAsync(mediaUrl)).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), "signed out: sent to the login page");
    }

    [Test]
    public async Task A_pdf_statement_is_read_with_PdfPig_summarised_and_used_in_the_reply()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Fabio Finance", phone, "Save for a house");
        var pdf = MediaFixtures.Pdf("Monthly statement October", "Rent 900.00 EUR", "Closing balance 1234.56 EUR");
        var url = Twilio.AddMedia(tenant.AccountSid, pdf, "application/pdf");

        await SendMediaAsync(tenant, phone, "", (url, "application/pdf"));
        await WaitForRepliesAsync(phone, 1);

        var summary = Ai.Requests.Last(r => r.SystemPrompt.StartsWith("You read a document", StringComparison.Ordinal));
        Assert.That(summary.AllText, Does.Contain("Closing balance 1234.56 EUR"), "the AI summarised the text PdfPig extracted");
        var reply = Ai.Requests.Last(r => r.AllText.Contains("October bank statement") && !r.SystemPrompt.StartsWith("You read", StringComparison.Ordinal));
        Assert.That(reply.AllText, Does.Contain("a PDF document").And.Contain("closing balance of 1234.56 EUR"));

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("analysisKind").GetString(), Is.EqualTo("bank_statement"));
        var text = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT extracted_text FROM whatsapp_media_files WHERE id = @id", ("id", media.GetProperty("id").GetGuid()));
        Assert.That(text, Does.Contain("Rent 900.00 EUR"));
    }

    [Test]
    public async Task A_pdf_with_a_nul_in_its_text_is_analysed_and_stored()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Nadia Nul", phone, "Pay off a loan");
        var pdf = MediaFixtures.PdfWithLiteral(@"Loan statement. Balance\000 5000.00 EUR"); // PdfPig's writer refuses to draw a NUL
        var url = Twilio.AddMedia(tenant.AccountSid, pdf, "application/pdf");

        await SendMediaAsync(tenant, phone, "", (url, "application/pdf"));
        await WaitForRepliesAsync(phone, 1);

        var summary = Ai.Requests.Last(r => r.SystemPrompt.StartsWith("You read a document", StringComparison.Ordinal) && r.AllText.Contains("Loan statement"));
        Assert.That(summary.AllText.Contains('\0', StringComparison.Ordinal), Is.True, "PdfPig extracted the NUL");
        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("state").GetString(), Is.EqualTo("done"));
        var text = await Db.ScalarAsync<string>(ConnectionString,
            "SELECT extracted_text FROM whatsapp_media_files WHERE id = @id", ("id", media.GetProperty("id").GetGuid()));
        Assert.That(text, Does.Contain("Balance 5000.00 EUR"));
        Assert.That(text!.Contains('\0', StringComparison.Ordinal), Is.False);
    }

    [Test]
    public async Task Processing_that_always_fails_ends_failed_after_the_attempt_limit_and_the_sweep_leaves_it()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var url = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.Png(), "image/png");
        // The database refuses to record this file as done, every time: an unexpected failure, not a refusal.
        await Db.ExecuteAsync(ConnectionString, $"""
            CREATE OR REPLACE FUNCTION refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER refuse_done BEFORE UPDATE ON whatsapp_media_files FOR EACH ROW
              WHEN (NEW.state = 'done' AND NEW.original_url = '{url}') EXECUTE FUNCTION refuse_done();
            """);

        await SendMediaAsync(tenant, phone, "what is this?", (url, "image/png"));
        var sweep = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecoverySweepGrain>(0);
        var state = await Poll.UntilAsync(async () =>
            {
                await sweep.RestartStalledMediaAsync(TimeSpan.Zero); // what the minute's sweep does, at once
                return await Db.ScalarAsync<string>(ConnectionString, "SELECT state FROM whatsapp_media_files WHERE original_url = @url", ("url", url));
            },
            s => s != "pending", TimeSpan.FromSeconds(30), "the file to be given up");

        Assert.That(state, Is.EqualTo("failed"));
        Assert.That(await CountAsync("SELECT attempts FROM whatsapp_media_files WHERE original_url = @url", ("url", url)), Is.EqualTo(3));
        Assert.That(await Db.ScalarAsync<string>(ConnectionString, "SELECT error FROM whatsapp_media_files WHERE original_url = @url", ("url", url)),
            Does.Contain("3 attempts failed"));
        await sweep.RestartStalledMediaAsync(TimeSpan.Zero);
        Assert.That(await CountAsync("SELECT attempts FROM whatsapp_media_files WHERE original_url = @url", ("url", url)), Is.EqualTo(3), "not restarted");
    }

    [Test]
    public async Task A_voice_note_is_transcribed_and_answered_as_if_typed()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await AddClientAsync(tenant, "Vera Voice", phone, "Train three times a week");
        var ogg = MediaFixtures.OggOpus(seconds: 2.5);
        var url = Twilio.AddMedia(tenant.AccountSid, ogg, "audio/ogg");

        await SendMediaAsync(tenant, phone, "", (url, "audio/ogg"));
        await WaitForRepliesAsync(phone, 1);

        var transcription = Ai.Requests.Last(r => r.Parts("input_audio").Count > 0);
        var audio = transcription.Parts("input_audio")[0].GetProperty("input_audio");
        Assert.That(audio.GetProperty("format").GetString(), Is.EqualTo("ogg"));
        Assert.That(audio.GetProperty("data").GetString(), Is.EqualTo(Convert.ToBase64String(ogg)));
        var reply = Ai.Requests.Last(r => r.AllText.Contains("move Thursday's session") && r.Parts("input_audio").Count == 0);
        Assert.That(reply.Messages.Last(m => m.Role == "user").Content,
            Is.EqualTo("(voice note, transcribed) Can we move Thursday's session to Friday morning?"));
        Assert.That(reply.SystemPrompt, Does.Contain("booking"), "the transcript is read for intent like typed text");

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("transcript").GetString(), Is.EqualTo("Can we move Thursday's session to Friday morning?"));
        Assert.That(media.GetProperty("durationSeconds").GetDouble(), Is.EqualTo(2.5));
    }

    [TestCase("http://localhost:{port}/2010-04-01/Accounts/{account}/Messages/MM1/Media/ME1", TestName = "Refused: localhost")]
    [TestCase("http://169.254.169.254/latest/meta-data/iam/security-credentials/", TestName = "Refused: cloud metadata address")]
    [TestCase("https://files.example.net/photo.jpg", TestName = "Refused: another host")]
    public async Task Media_not_on_twilios_host_is_refused_without_a_request(string template)
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var url = template.Replace("{port}", Twilio.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{account}", tenant.AccountSid, StringComparison.Ordinal);
        var before = Twilio.MediaAuthorizations.Count;

        await SendMediaAsync(tenant, phone, "see attached", (url, "image/jpeg"));
        await WaitForRepliesAsync(phone, 1);

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("state").GetString(), Is.EqualTo("failed"));
        Assert.That(media.GetProperty("error").GetString(), Does.Contain("is not Twilio's media host"));
        Assert.That(Twilio.MediaAuthorizations.Count, Is.EqualTo(before), "nothing was fetched");
        var reply = Ai.Requests.Last(r => r.AllText.Contains("see attached"));
        Assert.That(reply.AllText, Does.Contain("a photo that could not be used"));
    }

    [TestCase("http://169.254.169.254/latest/meta-data/", "without https", TestName = "Redirect refused: plain http to the metadata address")]
    [TestCase("https://169.254.169.254/latest/meta-data/", "internal address", TestName = "Redirect refused: https to the metadata address")]
    [TestCase("https://127.0.0.1:9/secret", "internal address", TestName = "Redirect refused: https to loopback")]
    [TestCase("https://localhost:9/secret", "internal address", TestName = "Redirect refused: a name that resolves inwards")]
    public async Task A_redirect_from_twilio_to_an_internal_address_is_refused(string target, string reason)
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var url = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.Png(), "image/png", redirectTo: target);

        await SendMediaAsync(tenant, phone, "photo", (url, "image/png"));
        await WaitForRepliesAsync(phone, 1);

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("state").GetString(), Is.EqualTo("failed"));
        Assert.That(media.GetProperty("error").GetString(), Does.Contain(reason));
        Assert.That(media.GetProperty("downloaded").GetBoolean(), Is.False);
    }

    [Test]
    public async Task An_oversize_image_is_refused_with_a_note_and_the_message_still_answered()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var url = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.Png(padding: 6 * 1024 * 1024), "image/png");

        await SendMediaAsync(tenant, phone, "big one", (url, "image/png"));
        await WaitForRepliesAsync(phone, 1);

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("state").GetString(), Is.EqualTo("failed"));
        Assert.That(media.GetProperty("error").GetString(), Does.Contain("larger than 5 MB"));
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("big one")).AllText, Does.Contain("larger than 5 MB"));
    }

    [Test]
    public async Task A_file_that_is_not_what_it_claims_is_kept_out()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var url = Twilio.AddMedia(tenant.AccountSid, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "image/jpeg");

        await SendMediaAsync(tenant, phone, "photo", (url, "image/jpeg"));
        await WaitForRepliesAsync(phone, 1);

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("error").GetString(), Does.Contain("claims to be image/jpeg but its content is not"));
        Assert.That(media.GetProperty("downloaded").GetBoolean(), Is.False, "never stored, so never served");
    }

    [Test]
    public async Task A_malformed_pdf_gets_an_analysis_error_not_a_crash()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        var url = Twilio.AddMedia(tenant.AccountSid, Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage"), "application/pdf");

        await SendMediaAsync(tenant, phone, "my statement", (url, "application/pdf"));
        await WaitForRepliesAsync(phone, 1);

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("state").GetString(), Is.EqualTo("failed"));
        Assert.That(media.GetProperty("error").GetString(), Does.Contain("damaged"));
        Assert.That(media.GetProperty("downloaded").GetBoolean(), Is.True, "the file is kept for the consultant to open");
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("my statement")).AllText, Does.Contain("could not be used"));
    }

    [Test]
    public async Task The_poller_finds_media_in_twilios_media_list()
    {
        using var tenant = await NewTenantAsync(mode: "polling");
        var phone = NewContactPhone();
        Twilio.AddInboundWithMedia(tenant.AccountSid, phone, tenant.Number, "", DateTimeOffset.UtcNow, (MediaFixtures.Png(), "image/png"));

        await Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IWhatsAppPollerGrain>(tenant.Consultant.Id).PollNowAsync(CancellationToken.None);
        await WaitForRepliesAsync(phone, 1);

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("analysisKind").GetString(), Is.EqualTo("meal"));
    }

    [Test]
    public async Task A_consultants_attachment_is_offered_to_twilio_at_an_unguessable_expiring_link()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "send me the plan please");
        await WaitForRepliesAsync(phone, 1);
        var pdf = MediaFixtures.Pdf("Training plan", "Monday: squats");

        var sent = await PostAttachmentAsync(tenant, phone, pdf, "plan (v2).pdf", "Here is your plan");
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());

        var twilioMessage = SentTo(phone).Last();
        Assert.That(twilioMessage.Body, Is.EqualTo("Here is your plan"));
        Assert.That(twilioMessage.MediaUrl, Does.StartWith(SiloHost.PublicBaseUrl + "/api/whatsapp/media/public/"));
        var path = new Uri(twilioMessage.MediaUrl!).AbsolutePath;
        Assert.That(path.Split('/')[^1], Has.Length.EqualTo(43), "256 random bits");
        using var anonymous = Host.CreateClient();
        var fetched = await anonymous.GetAsync(path);
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await fetched.Content.ReadAsByteArrayAsync(), Is.EqualTo(pdf));
        Assert.That(fetched.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That((await anonymous.GetAsync(path[..^4] + "AAAA")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var message = (await MessagesAsync(tenant, phone)).First(m => m.GetProperty("sender").GetString() == "consultant");
        Assert.That(message.GetProperty("media")[0].GetProperty("fileName").GetString(), Is.EqualTo("plan__v2_.pdf"));

        await Db.ExecuteAsync(ConnectionString, "UPDATE whatsapp_media_files SET public_expires_at = now() - interval '1 second' WHERE public_token_hash IS NOT NULL");
        Assert.That((await anonymous.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the link expires");

        await SendAsync(tenant, phone, "thanks, got it");
        await WaitForRepliesAsync(phone, 3); // the first AI reply, the attachment, this reply
        Assert.That(Ai.Requests.Last(r => r.AllText.Contains("thanks, got it")).AllText,
            Does.Contain("Here is your plan\n[The consultant sent a PDF document: plan__v2_.pdf]"), "the AI knows what was sent");

        var refused = await PostAttachmentAsync(tenant, phone, Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /"), "run.sh", "");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("Only images"));
    }

    [Test]
    public async Task Media_left_pending_by_a_stopped_silo_are_restarted_by_the_recovery_sweep()
    {
        using var tenant = await NewTenantAsync();
        var phone = NewContactPhone();
        await SendAsync(tenant, phone, "a text first");
        await WaitForRepliesAsync(phone, 1);
        var messageId = await Db.ScalarAsync<Guid>(ConnectionString,
            "SELECT id FROM messages WHERE consultant_id = @c AND contact_phone = @p AND direction = 'inbound'", ("c", tenant.Consultant.Id), ("p", phone));
        var url = Twilio.AddMedia(tenant.AccountSid, MediaFixtures.Png(), "image/png");
        // As a silo that stopped mid-download leaves it: recorded, pending, never finished.
        var mediaId = Guid.NewGuid();
        await Db.ExecuteAsync(ConnectionString,
            "INSERT INTO whatsapp_media_files (id, consultant_id, message_id, media_index, direction, original_url, declared_mime_type, file_name, created_at) " +
            $"VALUES ('{mediaId}', '{tenant.Consultant.Id}', '{messageId}', 0, 'inbound', '{url}', 'image/png', 'media0.png', now() - interval '10 minutes'); " +
            $"UPDATE messages SET num_media = 1 WHERE id = '{messageId}'");

        var sweep = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecoverySweepGrain>(0);
        Assert.That(await sweep.RestartStalledMediaAsync(TimeSpan.FromMinutes(5)), Is.GreaterThanOrEqualTo(1));

        var media = await OnlyMediaAsync(tenant, phone);
        Assert.That(media.GetProperty("id").GetGuid(), Is.EqualTo(mediaId));
        Assert.That(media.GetProperty("analysisKind").GetString(), Is.EqualTo("meal"));
    }

    [Test]
    public void Messages_with_media_cross_silos_intact()
    {
        var serializer = Host.Services.GetRequiredService<Orleans.Serialization.Serializer>();
        var inbound = new InboundWhatsAppMessage("SM1", "+1", "+2", "hi", 1, null, null, DateTimeOffset.UtcNow, MessageSource.Webhook)
        {
            Media = [new InboundMedia("https://api.twilio.com/x", "image/png")],
        };
        var view = new ChatMessageView(Guid.NewGuid(), Guid.NewGuid(), "+1", "inbound", "lead", "", "received", 1, "whatsapp", null, DateTimeOffset.UtcNow)
        {
            Media = [new MediaView(Guid.NewGuid(), "image", "image/png", "media0.png", 10, "done", true, null, "meal", "Rice", "600 kcal", null, null, "MENU")],
        };

        Assert.That(serializer.Deserialize<InboundWhatsAppMessage>(serializer.SerializeToArray(inbound))!.Media, Is.EqualTo(inbound.Media));
        Assert.That(serializer.Deserialize<ChatMessageView>(serializer.SerializeToArray(view))!.Media, Is.EqualTo(view.Media));
    }

    private Task<HttpResponseMessage> SendMediaAsync(WhatsAppTenant tenant, string from, string body, params (string Url, string ContentType)[] media) =>
        TwilioWebhook.PostAsync(Host.CreateClient(), SiloHost.WebhookUrl, tenant.AuthToken,
            TwilioWebhook.InboundMediaForm(tenant.AccountSid, from, tenant.Number, body, media));

    /// <summary>The consultant's attachment to the contact's conversation, once listed (its row is written just after the webhook's acknowledgement).</summary>
    private async Task<HttpResponseMessage> PostAttachmentAsync(WhatsAppTenant tenant, string phone, byte[] content, string fileName, string text)
    {
        await ListedAsync(tenant, [phone]);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(text), "messageText");
        return await tenant.Consultant.Http.PostAsync(
            $"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}/attachments", form);
    }

    /// <summary>The conversation's messages, once it is listed (until then the conversation is not found).</summary>
    private async Task<IReadOnlyList<JsonElement>> MessagesAsync(WhatsAppTenant tenant, string phone)
    {
        await ListedAsync(tenant, [phone]);
        var response = await tenant.Consultant.Http.GetAsync($"/api/whatsapp/conversations/{ConversationKey.IdFor(tenant.Consultant.Id, phone)}/messages");
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>The one media file of the contact's messages, once its processing has finished.</summary>
    private async Task<JsonElement> OnlyMediaAsync(WhatsAppTenant tenant, string phone)
    {
        var media = await Poll.UntilAsync(
            async () => (await MessagesAsync(tenant, phone)).SelectMany(m => m.GetProperty("media").EnumerateArray()).ToList(),
            files => files.Count == 1 && files[0].GetProperty("state").GetString() != "pending",
            TimeSpan.FromSeconds(60), "the media to be processed");
        return media[0];
    }
}
