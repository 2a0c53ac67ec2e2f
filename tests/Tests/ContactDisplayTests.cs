using Consultant.Web.Shared;

namespace Consultant.Tests;

/// <summary>How the dashboard names a contact (the conversation list, the chat header, the Calendar): never the "sim:" prefix, never the number twice.</summary>
public sealed class ContactDisplayTests
{
    [TestCase(null, "+393471234567")]
    [TestCase("", "+393471234567")]
    [TestCase("  ", "+393471234567")]
    [TestCase("+393471234567", "+393471234567")]
    [TestCase(null, "sim:+393471234567")]
    [TestCase("sim:+393471234567", "sim:+393471234567")]
    [TestCase("+393471234567", "sim:+393471234567")]
    public void A_contact_without_a_name_is_named_by_their_number_written_for_people(string? name, string address) =>
        Assert.That(ContactDisplay.Name(name, address), Is.EqualTo("+39 347 123 4567"));

    [TestCase("Anna Rossi", "+393471234567")]
    [TestCase("Anna Rossi", "sim:+393471234567")]
    public void A_name_is_kept_as_given(string name, string address) =>
        Assert.That(ContactDisplay.Name(name, address), Is.EqualTo(name));

    [Test]
    public void What_is_not_a_valid_number_is_shown_as_it_is_without_the_simulators_prefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContactDisplay.Name(null, "US.13491208655302741918"), Is.EqualTo("US.13491208655302741918"), "a WhatsApp user id");
            Assert.That(ContactDisplay.Number("sim:+3912"), Is.EqualTo("+3912"));
            Assert.That(ContactDisplay.Name(null, "sim:12ab"), Is.EqualTo("12ab"), "not a number at all");
        });
    }

    [Test]
    public void Only_the_simulators_addresses_are_simulated()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContactDisplay.IsSimulated("sim:+393471234567"), Is.True);
            Assert.That(ContactDisplay.IsSimulated("+393471234567"), Is.False);
            Assert.That(ContactDisplay.IsSimulated(null), Is.False);
        });
    }
}
