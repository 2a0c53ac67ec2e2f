using Consultant.Grains.Common;
using Consultant.Grains.Demo;
using Consultant.Web.Shared;
using NodaTime;

namespace Consultant.Tests;

/// <summary>
/// The demo's contacts have numbers the product itself accepts, so the dashboard writes each for people as it writes
/// any other (a number libphonenumber does not hold valid, such as Ofcom's 07700 900xxx drama range, stays raw).
/// </summary>
public sealed class DemoHistoryNumbersTests
{
    [Test]
    public void Every_demo_contact_has_a_valid_number_that_the_dashboard_formats()
    {
        var conversations = DemoHistory.Plan(new LocalDate(2026, 11, 27), DateTimeZoneProviders.Tzdb["Europe/Rome"]);

        Assert.Multiple(() =>
        {
            foreach (var conversation in conversations)
            {
                Assert.That(PhoneNumberNormalizer.TryNormalize(conversation.Phone, out var e164) && e164 == conversation.Phone, Is.True,
                    $"{conversation.Name}'s {conversation.Phone} is a valid number in E.164");
                Assert.That(ContactDisplay.Number(conversation.Phone), Does.StartWith("+").And.Contain(" "),
                    $"{conversation.Name}'s number is written for people");
            }
        });
        Assert.That(ContactDisplay.Number(conversations.Single(c => c.Name == "Tom Walker").Phone), Is.EqualTo("+44 7400 123401"));
    }
}
