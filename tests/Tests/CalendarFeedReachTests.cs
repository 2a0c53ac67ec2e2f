using Consultant.Grains.Booking;
using Consultant.Grains.Common;
using Microsoft.Extensions.Options;

namespace Consultant.Tests;

/// <summary>When the settings page warns that calendar apps on the internet cannot read the feed.</summary>
public sealed class CalendarFeedReachTests
{
    private static CalendarFeedTokens Feeds(Uri? publicBaseUrl) =>
        new(null!, Options.Create(new WhatsAppOptions { PublicBaseUrl = publicBaseUrl }), TimeProvider.System);

    [TestCase("http://localhost:5180/", false)]
    [TestCase("https://localhost:5180/", false)]
    [TestCase("https://127.0.0.1/", false)]
    [TestCase("https://dashboard.localhost/", false)]
    [TestCase("http://consultant.example/", false)]
    [TestCase("https://consultant.example/", true)]
    public void Without_a_public_address_only_an_https_address_that_is_not_this_machine_reaches_calendar_apps(string opened, bool reachable) =>
        Assert.That(Feeds(null).IsReachableFromInternet(new Uri(opened)), Is.EqualTo(reachable));

    [Test]
    public void With_a_public_address_the_feed_is_on_it_wherever_the_dashboard_was_opened() =>
        Assert.That(Feeds(new Uri("https://consultant.example")).IsReachableFromInternet(new Uri("http://localhost:5180/")), Is.True);
}
