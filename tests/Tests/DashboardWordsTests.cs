using System.Globalization;
using Consultant.Grains.Broadcasts;
using Consultant.Grains.Flows;
using Consultant.Web.Broadcasts;
using Consultant.Web.Flows;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>Statuses and answer types are named one way (<c>Web/Localization/Words</c>): in the page's language, an unknown value as it is.</summary>
public sealed class DashboardWordsTests
{
    private static IStringLocalizer<T> Localizer<T>() =>
        new StringLocalizer<T>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [TestCase("it-IT", "Non riuscito", "Saltato", "Inviato", "Consegnato", "Non riusciti")]
    [TestCase("en-GB", "Failed", "Skipped", "Sent", "Delivered", "Failed")]
    public void One_broadcast_recipients_status_is_in_the_singular_and_the_counters_in_the_plural(
        string language, string failed, string skipped, string sent, string delivered, string failedCounter)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var L = Localizer<BroadcastsText>();
            Assert.Multiple(() =>
            {
                Assert.That(BroadcastWords.RecipientStatus(L, RecipientStatus.Failed), Is.EqualTo(failed));
                Assert.That(BroadcastWords.RecipientStatus(L, RecipientStatus.Skipped), Is.EqualTo(skipped));
                Assert.That(BroadcastWords.RecipientStatus(L, RecipientStatus.Sent), Is.EqualTo(sent));
                Assert.That(BroadcastWords.Delivery(L, "delivered"), Is.EqualTo(delivered));
                Assert.That(L["Failed"].Value, Is.EqualTo(failedCounter), "the report's counter");
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Test]
    public void A_broadcasts_status_and_a_flows_answer_type_are_named_in_italian_and_an_unknown_value_as_it_is()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(BroadcastWords.Status(Localizer<BroadcastsText>(), BroadcastStatus.Paused), Is.EqualTo("In pausa"));
                Assert.That(BroadcastWords.Status(Localizer<BroadcastsText>(), "archived"), Is.EqualTo("archived"));
                Assert.That(FlowWords.AnswerType(Localizer<FlowsText>(), FlowAnswerType.Choice), Is.EqualTo("Scelta tra opzioni"));
                Assert.That(FlowWords.AnswerType(Localizer<FlowsText>(), (FlowAnswerType)99), Is.EqualTo("99"));
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
