using Consultant.Grains.Booking;

namespace Consultant.Tests;

/// <summary>A contact's time zone from their number (libphonenumber's time-zone mapper).</summary>
public sealed class ContactTimeZoneGuessTests
{
    [TestCase("+393471234567", "Europe/Rome")]
    [TestCase("+447911123456", "Europe/London")]
    [TestCase("+34612345678", "Europe/Madrid")]
    [TestCase("+12125550123", "America/New_York", Description = "one zone: the area code's")]
    [TestCase("+14155550123", "America/Los_Angeles", Description = "one zone: the area code's")]
    [TestCase("+18005550199", "America/New_York", Description = "toll-free spans every US zone: the most populous")]
    [TestCase("+79161234567", "Europe/Moscow", Description = "a Russian mobile spans many zones: Moscow's")]
    public void A_number_gives_the_zone_of_its_prefix_and_a_prefix_of_several_zones_the_countrys_main_one(string number, string zone) =>
        Assert.That(ContactTimeZoneGuess.FromAddress(number), Is.EqualTo(zone));

    [TestCase("sim:+447911123456", "Europe/London")]
    [TestCase("sim:+393471234567", "Europe/Rome")]
    [TestCase("sim:+12125550123", "America/New_York")]
    public void A_simulated_contact_gets_the_zone_its_number_would_give_a_real_contact(string address, string zone) =>
        Assert.That(ContactTimeZoneGuess.FromAddress(address), Is.EqualTo(zone).And.EqualTo(ContactTimeZoneGuess.FromAddress(address["sim:".Length..])));

    [TestCase("US.13491208655302741918")]
    [TestCase("US.ENT.11815799212886844830")]
    [TestCase("sim:US.13491208655302741918")]
    [TestCase("not a number")]
    [TestCase("sim:not a number")]
    public void A_whatsapp_user_id_or_no_number_has_no_zone(string address) =>
        Assert.That(ContactTimeZoneGuess.FromAddress(address), Is.Null);
}
