using System.Globalization;
using System.Text.RegularExpressions;
using Consultant.Grains.Common;
using Consultant.TestSupport;
using Consultant.Web.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>
/// The services write their validation messages in English; an Italian dashboard shows each one in Italian through
/// <see cref="ServiceMessages"/>. The services' sources are read, so a message added there without its Italian fails
/// here instead of showing English at a field.
/// </summary>
public sealed partial class ServiceMessagesTests
{
    /// <summary>The services whose messages the account, sign-up, password, WhatsApp settings, AI key pool and Analytics pages show.</summary>
    private static readonly string[] Services =
    [
        "src/Grains/Accounts/AccountService.cs",
        "src/Grains/Accounts/AccountSettingsService.cs",
        "src/Grains/Settings/WhatsAppSettingsService.cs",
        "src/Grains/Settings/PoolKeyService.cs",
        "src/Grains/Analytics/AnalyticsPeriod.cs",
    ];

    /// <summary>The folders whose services' messages the Conversations, Clients and Simulator pages show (every file of each).</summary>
    private static readonly string[] InboxAndClientsFolders = ["src/Grains/Inbox", "src/Grains/Clients"];

    [Test]
    public void Every_message_the_account_and_settings_services_write_is_shown_in_Italian()
    {
        var messages = SampleMessages().ToList();
        Assert.That(messages, Has.Count.GreaterThan(15), "the scan of the services' messages is broken");

        var untranslated = InItalian(() => messages
            .Where(message => !Translator().TryTranslate(message, out var italian) || italian == message)
            .ToList());

        Assert.That(untranslated, Is.Empty, "no Italian in ServiceMessages for:" + Environment.NewLine + string.Join(Environment.NewLine, untranslated));
    }

    [Test]
    public void Every_message_the_inbox_and_clients_services_write_is_shown_in_Italian()
    {
        var messages = ServiceMessageTexts.InboxAndClients(InboxAndClientsFolders).ToList();
        Assert.That(messages, Has.Count.GreaterThan(40), "the scan of the services' messages is broken");

        AssertAllItalian(messages);
    }

    [Test]
    public void Every_message_the_booking_services_write_is_shown_in_Italian()
    {
        // An exception's text for the log (a notice's booking cascades with it), never shown on a page.
        var messages = ServiceMessageTexts.InboxAndClients(["src/Grains/Booking"]).Except(["Booking x of a notice is gone."]).ToList();
        Assert.That(messages, Has.Count.GreaterThan(20), "the scan of the booking services' messages is broken");

        AssertAllItalian(messages);
    }

    [Test]
    public void Every_message_the_followup_services_write_and_every_followup_reason_is_shown_in_Italian()
    {
        var messages = ServiceMessageTexts.InboxAndClients(["src/Grains/FollowUps"])
            .Concat(typeof(Consultant.Grains.FollowUps.FollowUpReasons).GetFields()
                .Where(field => field.IsLiteral && field.FieldType == typeof(string)).Select(field => (string)field.GetValue(null)!))
            .Distinct().ToList();
        Assert.That(messages, Has.Count.GreaterThan(25), "the scan of the follow-up services' messages is broken");

        AssertAllItalian(messages);
        // A field's message names rules by what they do, never by their API key (lead_24h).
        var namingAKey = messages.Where(message => Consultant.Grains.FollowUps.FollowUpRuleKeys.All.Any(message.Contains)).ToList();
        Assert.That(namingAKey, Is.Empty, "a rule's key in a message the page shows");
        InItalian(() =>
        {
            Assert.That(Translator().Translate("Must be longer than the first nudge's delay."), Is.EqualTo("Deve essere più lungo del ritardo del primo sollecito."));
            Assert.That(Translator().Translate("Unknown placeholder {nome}: use {name}."), Is.EqualTo("Segnaposto {nome} sconosciuto: usa {name}."));
            Assert.That(Translator().Translate("Between 15 minutes and 7 days."), Is.EqualTo("Tra 15 minuti e 7 giorni."));
            Assert.That(Translator().Translate("Between 1 hour and 30 days."), Is.EqualTo("Tra 1 ora e 30 giorni."));
            Assert.That(Translator().Translate("At most 7 days."), Is.EqualTo("Al massimo 7 giorni."));
            return 0;
        });
    }

    [Test]
    public void Every_stored_reason_the_dashboard_shows_is_shown_in_Italian()
    {
        var reasons = ServiceMessageTexts.StoredReasons().ToList();
        Assert.That(reasons, Has.Count.GreaterThan(60), "the enumeration of the stored reasons is broken");

        AssertAllItalian(reasons);
    }

    [Test]
    public void A_reason_quoting_another_is_italian_all_through()
    {
        InItalian(() =>
        {
            var translator = Translator();
            var notSent = translator.Translate(Consultant.Grains.Outbound.SendProblemText.CouldNotSend(
                Consultant.Grains.Twilio.TwilioErrorText.Describe(400, 63016, "Outside the allowed window.")));
            Assert.That(notSent, Is.EqualTo("Il messaggio non è stato inviato: Sono passate più di 24 ore dall'ultimo messaggio del contatto: " +
                "ora WhatsApp accetta solo un modello approvato. (errore Twilio 63016: Outside the allowed window). Invia uno dei tuoi modelli dalla chat."));
            var notAnswering = translator.Translate(Consultant.Grains.Ai.AiProblemText.NotAnswering(3,
                Consultant.Grains.Ai.AiProblemText.CallFailed(503)));
            Assert.That(notAnswering, Does.StartWith("L'AI non ha risposto dopo 3 tentativi (Il servizio AI ha risposto HTTP 503)."));
            Assert.That(translator.Translate("The notes can have at most 2,000 characters."), Is.EqualTo("Le note: al massimo 2.000 caratteri."));
            return 0;
        });
    }

    private static void AssertAllItalian(IEnumerable<string> messages)
    {
        var untranslated = InItalian(() => messages
            .Where(message => !Translator().TryTranslate(message, out var italian) || italian == message || StillEnglish(message, italian))
            .Distinct()
            .ToList());

        Assert.That(untranslated, Is.Empty, "no Italian in ServiceMessages for:" + Environment.NewLine + string.Join(Environment.NewLine, untranslated));
    }

    /// <summary>A message quoting another whose Italian is missing: the quoted English is still there whole.</summary>
    private static bool StillEnglish(string message, string italian) =>
        EnglishSentence().Matches(message).Select(match => match.Value).Any(sentence => sentence.Length > 25 && italian.Contains(sentence, StringComparison.Ordinal));

    [Test]
    public void Numbers_and_lists_inside_a_message_are_written_the_italian_way_but_codes_stay_as_they_are()
    {
        InItalian(() =>
        {
            var translator = Translator();
            Assert.That(translator.Translate("The weight (kg) must be between 0 and 1,000."), Is.EqualTo("Il peso (kg): deve essere tra 0 e 1.000."));
            Assert.That(translator.Translate("The savings goal must be below 1,000,000,000,000."),
                Is.EqualTo("L'obiettivo di risparmio: deve essere inferiore a 1.000.000.000.000."));
            Assert.That(translator.Translate("The weight (kg) must be between 0.5 and 1,000."), Is.EqualTo("Il peso (kg): deve essere tra 0,5 e 1.000."));
            Assert.That(translator.Translate("'pt' is not a language the assistant speaks: use it, en, es or fr, or leave it empty (not set)."),
                Does.StartWith("«pt» non è una lingua dell'assistente: usa it, en, es o fr, oppure"));
            Assert.That(translator.Translate("The AI service answered HTTP 503."), Is.EqualTo("Il servizio AI ha risposto HTTP 503."));
            return 0;
        });
    }

    [Test]
    public void What_the_service_put_in_a_message_is_kept_and_an_unknown_message_stays_as_it_is()
    {
        InItalian(() =>
        {
            var translator = Translator();
            Assert.That(translator.Translate("'Mars/Olympus' is not an IANA time zone; choose one such as Europe/Rome or America/New_York."),
                Does.StartWith("«Mars/Olympus» non è un fuso orario"));
            Assert.That(translator.Translate("The number +393331234567 is already connected to another consultant's account."),
                Is.EqualTo("Il numero +393331234567 è già collegato all'account di un altro consulente."));
            Assert.That(translator.Translate("Something no service writes."), Is.EqualTo("Something no service writes."));
            Assert.That(translator.Translate($"At most {Consultant.Grains.Broadcasts.BroadcastRules.MaxTags} tags, each of 1 to 50 characters."),
                Is.EqualTo("Al massimo 20 etichette, ciascuna da 1 a 50 caratteri."), "not taken by \"At most {0} characters.\"");
            return 0;
        });

        var english = Translator().Translate("The password needs at least 8 characters.");
        Assert.That(english, Is.EqualTo("The password needs at least 8 characters."), "English stays as the service wrote it");
    }

    /// <summary>Each message literal of <see cref="Services"/>, its interpolated parts filled in; and the length rule's messages.</summary>
    private static IEnumerable<string> SampleMessages()
    {
        foreach (var file in Services)
        {
            var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file));
            foreach (Match match in MessageLiteral().Matches(source))
            {
                var text = Regex.Unescape(match.Groups["text"].Value);
                yield return match.Groups["interpolated"].Success ? Hole().Replace(text, "sample") : text;
            }

            foreach (Match match in LengthCheck().Matches(source))
            {
                var errors = new ValidationErrors();
                errors.CheckLength(match.Groups["field"].Value, new string('x', 20), 10);
                yield return errors.ToDictionary().Single().Value.Single();
            }
        }
    }

    private static ServiceMessages Translator() => new(new StringLocalizer<SharedText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    private static T InItalian<T>(Func<T> action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>
    /// The message of <c>errors.Add(field, "…")</c>, <c>Problem.Invalid("field", "…")</c> and
    /// <c>Problem.Conflict("title", "field", "…")</c>: the literal after the field.
    /// </summary>
    [GeneratedRegex("""(?:errors\.Add\(|Problem\.Invalid\(|Problem\.Conflict\(\s*"[^"]*",)\s*(?:"\w+"|\w+),\s*(?<interpolated>\$)?"(?<text>(?:[^"\\]|\\.)*)"\s*[,)]""")]
    private static partial Regex MessageLiteral();

    [GeneratedRegex(@"CheckLength\(\s*""(?<field>\w+)""")]
    private static partial Regex LengthCheck();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Hole();

    /// <summary>Runs of English words (letters, spaces, commas, apostrophes) as they would survive untranslated.</summary>
    [GeneratedRegex(@"[A-Z][a-z]+(?: [a-z']+){3,}")]
    private static partial Regex EnglishSentence();
}
