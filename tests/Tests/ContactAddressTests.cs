using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>What counts as a contact's address in Twilio's fields: a phone number or a WhatsApp user id (BSUID).</summary>
public sealed class ContactAddressTests
{
    [TestCase("whatsapp:+393471234567", "+393471234567")]
    [TestCase("whatsapp:US.13491208655302741918", "US.13491208655302741918")]
    [TestCase("whatsapp:US.ENT.11815799212886844830", "US.ENT.11815799212886844830")]
    [TestCase("BR.1502576394655843", "BR.1502576394655843")]
    [TestCase("whatsapp:HK.abcXYZ123", "HK.abcXYZ123")]
    public void A_phone_number_or_a_bsuid_is_an_address(string raw, string expected) =>
        Assert.That(ContactAddress.FromWhatsApp(raw), Is.EqualTo(expected));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("whatsapp:")]
    [TestCase("whatsapp:hello")]
    [TestCase("whatsapp:us.13491208655302741918")]
    [TestCase("whatsapp:USA.13491208655302741918")]
    [TestCase("whatsapp:US.")]
    [TestCase("whatsapp:US.1349-1208")]
    [TestCase("whatsapp:US.1349 1208")]
    [TestCase("whatsapp:US.1349\nUS.1")]
    [TestCase("whatsapp:US.ENT.")]
    [TestCase("whatsapp:+12")]
    public void Anything_else_is_not(string? raw) => Assert.That(ContactAddress.FromWhatsApp(raw), Is.Null);

    [Test]
    public void A_bsuid_has_at_most_128_characters_after_the_country() => Assert.Multiple(() =>
    {
        Assert.That(ContactAddress.IsBsuid("US." + new string('7', 128)), Is.True);
        Assert.That(ContactAddress.IsBsuid("US." + new string('7', 129)), Is.False);
    });

    [TestCase("393471234567", "+393471234567")]
    [TestCase("US.13491208655302741918", "US.13491208655302741918")]
    [TestCase("", null)]
    [TestCase("12", null)]
    [TestCase("not-an-id", null)]
    public void WaId_is_a_phone_in_digits_or_a_bsuid(string raw, string? expected) =>
        Assert.That(ContactAddress.FromWaId(raw), Is.EqualTo(expected));

    [Test]
    public void The_kind_is_named_for_the_api() => Assert.Multiple(() =>
    {
        Assert.That(ContactAddress.KindOf("US.13491208655302741918"), Is.EqualTo("bsuid"));
        Assert.That(ContactAddress.KindOf("+393471234567"), Is.EqualTo("phone"));
    });
}
