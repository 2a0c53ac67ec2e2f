using Consultant.Grains.FollowUps;
using Consultant.Grains.Twilio;

namespace Consultant.Tests;

/// <summary>
/// WhatsApp's per-user marketing limit (131049; Twilio may say 63049) is a "not now", not a wrong number: every text a
/// consultant reads about it (the chat bubble's and the delivery problems' failure, a follow-up that gave up, a
/// broadcast contact after the last try) says what happened and to try again later, in English and in Italian, and
/// never to check the number.
/// </summary>
public sealed partial class ServiceMessagesTests
{
    /// <summary>A broadcast contact still held back after the last try, as BroadcastDeliveryOutcome words it.</summary>
    private const string BroadcastGaveUp =
        "WhatsApp's marketing limit for this contact was still reached after 3 tries (error 131049); not tried again. The number is fine: try them again in a few days, or once they write to you.";

    [TestCase(131049)]
    [TestCase(63049)]
    public void A_marketing_limit_failure_says_the_message_was_held_back_and_to_send_it_again_later_never_to_check_the_number(int code)
    {
        foreach (var text in new[] { TwilioErrorText.DescribeDelivery(code), TwilioErrorText.Describe(400, code, "Twilio's own words.") })
        {
            Assert.That(text, Does.Contain("held this marketing message back").And.Contain($"(Twilio error {code}").And.Not.Contain("Check"), text);
            Assert.That(text, Does.EndWith("The number is fine: send it again in a day or two, or once they write to you."), text);
            var italian = InItalian(() => Translator().Translate(text));
            Assert.That(italian, Does.StartWith("WhatsApp ha trattenuto questo messaggio di marketing").And.Contain($"errore Twilio {code}")
                .And.EndWith("Il numero è giusto: invialo di nuovo tra un giorno o due, oppure quando ti scrive.").And.Not.Contain("Controlla"), italian);
        }
    }

    [Test]
    public void A_follow_up_or_a_broadcast_contact_given_up_after_the_last_marketing_limit_retry_says_what_is_left_to_do()
    {
        foreach (var (text, italianEnd) in new[]
                 {
                     (FollowUpReasons.MarketingLimitGaveUp, "Il numero è giusto: invialo a mano tra qualche giorno, oppure quando il contatto ti scrive."),
                     (BroadcastGaveUp, "Il numero è giusto: riprova tra qualche giorno, oppure quando ti scrive."),
                 })
        {
            Assert.That(text, Does.Contain("marketing limit").And.Contain("The number is fine").And.Not.Contain("Check the number"), text);
            var italian = InItalian(() => Translator().Translate(text));
            Assert.That(italian, Does.EndWith(italianEnd).And.Not.Contain("Controlla"), italian);
        }
    }

    [Test]
    public void A_contact_who_stopped_marketing_messages_is_told_so_and_not_to_check_the_number()
    {
        var text = TwilioErrorText.DescribeDelivery(131050);
        Assert.That(text, Is.EqualTo(
            "The contact stopped marketing messages from you on WhatsApp. (Twilio error 131050). Send them no more marketing templates: write when they write to you."));
        Assert.That(InItalian(() => Translator().Translate(text)), Is.EqualTo(
            "Il contatto ha bloccato i tuoi messaggi di marketing su WhatsApp. (errore Twilio 131050). Non inviargli altri modelli di marketing: scrivigli quando ti scrive."));
    }
}
