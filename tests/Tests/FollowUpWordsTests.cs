using System.Globalization;
using Consultant.Grains.FollowUps;
using Consultant.Web.FollowUps;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>
/// The chat header's and the queue's words for an upcoming follow-up: how long until it goes, never longer than it is
/// ("in 3 d" for 56 hours was a day too many), and why a paused one waits, in English and Italian; the contact named as
/// the rest of the dashboard names them (a number written for people, never "sim:").
/// </summary>
public sealed class FollowUpWordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [TestCase("en-GB", 56 * 60, "Follow-up in 2 d 8 h")]
    [TestCase("it-IT", 56 * 60, "Follow-up tra 2 g 8 h")]
    [TestCase("en-GB", 72 * 60, "Follow-up in 3 d")]
    [TestCase("en-GB", 48 * 60 - 20, "Follow-up in 2 d")]
    [TestCase("en-GB", 22 * 60 + 40, "Follow-up in 23 h")]
    [TestCase("en-GB", 22 * 60 + 20, "Follow-up in 22 h")]
    [TestCase("it-IT", 90, "Follow-up tra 2 h")]
    [TestCase("en-GB", 59, "Follow-up in 59 min")]
    [TestCase("en-GB", 0, "Follow-up due now")]
    public void How_long_until_a_follow_up_goes_is_rounded_to_the_nearest_unit_and_days_carry_their_hours(string culture, int minutes, string expected) =>
        Assert.That(InCulture(culture, () => FollowUpWords.DueIn(Localizer(), Upcoming(FollowUpStatus.Pending, null, minutes), Now)), Is.EqualTo(expected));

    [TestCase("en-GB", "Follow-up paused: waiting for your reply", "Paused: waiting for your reply")]
    [TestCase("it-IT", "Follow-up in pausa: aspetta la tua risposta", "In pausa: aspetta la tua risposta")]
    public void A_nudge_held_for_the_consultants_reply_says_so(string culture, string header, string status)
    {
        var held = Upcoming(FollowUpStatus.Paused, FollowUpReasons.NeedsReply, 60);
        Assert.That(InCulture(culture, () => FollowUpWords.DueIn(Localizer(), held, Now)), Is.EqualTo(header));
        Assert.That(InCulture(culture, () => FollowUpWords.Status(Localizer(), held)), Is.EqualTo(status));
        Assert.That(InCulture(culture, () => FollowUpWords.Status(Localizer(), held with { Reason = FollowUpReasons.AiOff })),
            Is.Not.EqualTo(status), "the AI switched off is another reason");
    }

    [TestCase(null, "+393471110321", "+39 347 111 0321")]
    [TestCase("", "sim:+393471110321", "+39 347 111 0321")]
    [TestCase("+393471110321", "+393471110321", "+39 347 111 0321")]
    [TestCase("Giulia", "+393471110321", "Giulia")]
    [TestCase(null, "US.13491208655302741918", "US.13491208655302741918")]
    public void The_queue_names_a_contact_as_the_rest_of_the_dashboard_does(string? name, string address, string expected) =>
        Assert.That(FollowUpWords.Contact(Upcoming(FollowUpStatus.Pending, null, 60) with { ContactName = name, ContactPhone = address }), Is.EqualTo(expected));

    [TestCase("en-GB", "sim:+393471110321", null, "+39 347 111 0321 (Simulator)")]
    [TestCase("it-IT", "sim:+393471110321", "sim:+393471110321", "+39 347 111 0321 (Simulatore)")]
    [TestCase("en-GB", "+393471110321", null, "+39 347 111 0321")]
    [TestCase("en-GB", "+393471110321", "Giulia", "Giulia")]
    public void A_conversation_to_preview_for_is_named_as_the_conversation_list_names_it(string culture, string address, string? name, string expected)
    {
        var conversation = new Consultant.Grains.Abstractions.ConversationView(
            Guid.NewGuid(), address, name, true, null, true, 1, 0, Now, "hi", false, null, null, null, null, Now, null, false);
        Assert.That(InCulture(culture, () => FollowUpWords.PreviewChoice(Localizer(), conversation)), Is.EqualTo(expected));
    }

    private static FollowUp Upcoming(string status, string? reason, int minutes) => new(
        Guid.NewGuid(), Guid.NewGuid(), "+393471110321", "Giulia", FollowUpRuleKeys.Lead24h, Guid.NewGuid().ToString(), Now,
        Now.AddMinutes(minutes), status, reason, null, null, false, null, Now);

    private static IStringLocalizer<FollowUpsText> Localizer() =>
        new StringLocalizer<FollowUpsText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static string InCulture(string name, Func<string> read)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
