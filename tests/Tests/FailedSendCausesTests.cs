using System.Globalization;
using Consultant.Grains.Abstractions;
using Consultant.Grains.Twilio;
using Consultant.Web.Inbox;
using Consultant.Web.Shared;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>The Conversations page's failed-messages banner: one cause a line, each contact once, Twilio's own detail left out.</summary>
public sealed class FailedSendCausesTests
{
    private static readonly Guid Anna = Guid.NewGuid();
    private static readonly Guid Marco = Guid.NewGuid();

    [Test]
    public void Messages_failing_for_one_code_are_one_cause_with_each_contact_once_and_their_count()
    {
        var failed = new[]
        {
            Failed(Anna, TwilioErrorText.Describe(400, 63016, "Outside the window for +393471239101")),
            Failed(Marco, TwilioErrorText.DescribeDelivery(63016)),
            Failed(Anna, TwilioErrorText.Describe(400, 63016, "Outside the allowed window (use a template).")),
            Failed(Marco, TwilioErrorText.Describe(400, 21211, "Invalid 'To' Phone Number: +39...")),
            Failed(Anna, null),
        };

        var causes = FailedSendCauses.Of(failed);

        Assert.Multiple(() =>
        {
            Assert.That(causes.Select(cause => cause.Text), Is.EqualTo(new[]
            {
                TwilioErrorText.DescribeDelivery(63016),
                "This is not a valid phone number. (Twilio error 21211). Check the contact's number.",
                string.Empty,
            }), "newest cause first; Twilio's detail (which quotes the number) left out; what to do kept");
            Assert.That(causes[0].Contacts.Select(contact => (contact.ConversationId, contact.Messages)), Is.EqualTo(new[] { (Anna, 2), (Marco, 1) }));
            Assert.That(causes[0].Messages, Is.EqualTo(3));
            Assert.That(causes[1].Contacts.Single().ConversationId, Is.EqualTo(Marco));
        });
    }

    [Test]
    public void A_failure_without_a_twilio_code_is_its_own_cause_as_written()
    {
        var unreachable = TwilioErrorText.Unreachable("Connection refused (api.twilio.com:443)");
        Assert.Multiple(() =>
        {
            Assert.That(FailedSendCauses.CauseOf(unreachable), Is.EqualTo(unreachable));
            Assert.That(FailedSendCauses.CauseOf("  "), Is.Empty);
        });
    }

    [Test]
    public void A_cause_reads_in_italian_with_what_to_do()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            var messages = new ServiceMessages(new StringLocalizer<SharedText>(
                new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));
            var cause = FailedSendCauses.CauseOf(TwilioErrorText.Describe(400, 63016, "Failed to send freeform message"));

            Assert.That(messages.TryTranslate(cause, out var italian), Is.True, cause);
            Assert.That(italian, Does.Contain("63016").And.Not.Contain("freeform").And.Not.Contain("More than 24 hours"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static ChatMessageView Failed(Guid conversationId, string? error) =>
        new(Guid.NewGuid(), conversationId, "+39347123" + conversationId.ToString("N")[..4], "outbound", "consultant", "Hi", "failed", 0, "whatsapp", error,
            DateTimeOffset.UtcNow);
}
