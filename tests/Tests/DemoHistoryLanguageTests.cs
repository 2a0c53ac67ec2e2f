using Consultant.Grains.Demo;
using Consultant.Grains.Languages;
using Consultant.Grains.Messages;
using NodaTime;

namespace Consultant.Tests;

/// <summary>
/// The demo's history shows the language feature on first look: every contact writes, and is answered, in the language
/// the product picks for them from their number, and every reply answers the message before it.
/// </summary>
public sealed class DemoHistoryLanguageTests
{
    private static readonly ContactLanguageDetector Detector = new();

    private static IReadOnlyList<DemoConversation> Conversations() =>
        DemoHistory.Plan(new LocalDate(2026, 11, 27), DateTimeZoneProviders.Tzdb["Europe/Rome"]);

    [Test]
    public void Every_reply_of_every_seeded_conversation_is_in_the_contacts_language()
    {
        Assert.Multiple(() =>
        {
            foreach (var conversation in Conversations())
            {
                var language = CountryLanguage.Of(conversation.Phone);
                foreach (var message in conversation.Messages.Where(message => !message.IsInbound))
                {
                    // Long enough for the product's own detector to change a contact's language: no "OK" slips through.
                    Assert.That(Detector.DetectConfidently(message.Body), Is.EqualTo(language),
                        $"{conversation.Name} ({language.EnglishName}) gets a {message.Origin} reply in their language: \"{message.Body}\"");
                }

                foreach (var message in conversation.Messages.Where(message => message.IsInbound && ContactLanguageDetector.IsLongEnough(message.Body)))
                {
                    Assert.That(Detector.Detect(message.Body)?.Language, Is.EqualTo(language),
                        $"{conversation.Name} writes in {language.EnglishName}: \"{message.Body}\"");
                }
            }
        });
    }

    [Test]
    public void Every_reply_answers_the_message_it_follows()
    {
        Assert.Multiple(() =>
        {
            foreach (var conversation in Conversations())
            {
                var answers = new Dictionary<string, string>();
                var question = (string?)null;
                foreach (var message in conversation.Messages)
                {
                    if (message.IsInbound)
                    {
                        question = message.Body == "🙂" ? question : message.Body; // a burst's emoji asks nothing
                        continue;
                    }

                    if (message.Origin is MessageOrigin.Ai or MessageOrigin.Consultant)
                    {
                        Assert.That(question, Is.Not.Null, $"{conversation.Name}: a reply follows a message");
                        // The same question always gets the same answer, and different questions different ones.
                        Assert.That(answers.GetValueOrDefault(question!, message.Body), Is.EqualTo(message.Body), $"{conversation.Name}: \"{question}\"");
                        answers[question!] = message.Body;
                    }
                }

                Assert.That(answers.Values.Distinct().Count(), Is.EqualTo(answers.Count), $"{conversation.Name}: each question has its own answer");
            }
        });

        var lucia = Conversations().Single(conversation => conversation.Name == "Lucía Pérez").Messages;
        Assert.That(lucia[1].Body, Does.Contain("planes de ahorro"), "the Spanish savings question is answered about savings plans, in Spanish");
    }
}
