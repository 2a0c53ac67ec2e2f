using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>
/// A number searched however people type it (<see cref="PhoneSearch"/>, the clients list and the conversation list):
/// matched by its digits against the number stored in E.164, with "00" standing for "+" and a national "0" or no
/// country code at all; a number that differs in any digit is not matched.
/// </summary>
public sealed class PhoneSearchTests
{
    private const string ItalianMobile = "+393471234567";
    private const string ItalianLandline = "+390612345678"; // Rome: the 0 stays after the country code
    private const string BritishMobile = "+447911123456";

    [TestCase("0039 347 123 4567", ItalianMobile, Description = "the international 00 instead of +")]
    [TestCase("0039-347-1234567", ItalianMobile)]
    [TestCase("+39 347 123 4567", ItalianMobile, Description = "as the lists show it")]
    [TestCase("347 123 4567", ItalianMobile, Description = "an Italian number without the country code")]
    [TestCase("(347) 123-4567", ItalianMobile)]
    [TestCase("06 1234 5678", ItalianLandline, Description = "an Italian landline, its 0 kept")]
    [TestCase("0039 06 1234 5678", ItalianLandline)]
    [TestCase("07911 123456", BritishMobile, Description = "a national 0 the country code replaces")]
    [TestCase("0044 7911 123456", BritishMobile)]
    [TestCase("1234", ItalianMobile, Description = "part of a number")]
    [TestCase("0039 347 123 4567", "sim:+393471234567", Description = "a simulated contact's address")]
    public void A_number_typed_so_finds_the_stored_one(string search, string stored) =>
        Assert.That(PhoneSearch.Matches(stored, search), Is.True);

    [TestCase("0039 347 123 4568", ItalianMobile, Description = "one digit different")]
    [TestCase("0039 348 123 4567", ItalianMobile)]
    [TestCase("348 123 4567", ItalianMobile)]
    [TestCase("0044 347 123 4567", ItalianMobile, Description = "another country's code")]
    [TestCase("+0039 347 123 4567", ItalianMobile, Description = "with a + the digits are taken as typed")]
    [TestCase("06 1234 5679", ItalianLandline)]
    [TestCase("0033 6 12 34 56 78", ItalianLandline, Description = "a French mobile is not the Rome landline")]
    [TestCase("07911 123457", BritishMobile)]
    [TestCase("0002", "+393470212345", Description = "a short run is the end of a number: not 2 after a prefix")]
    [TestCase("0039 347 123 4567", BritishMobile)]
    public void A_number_differing_in_any_digit_is_not_found(string search, string stored) =>
        Assert.That(PhoneSearch.Matches(stored, search), Is.False);

    [TestCase("Marco 347")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase("+")]
    [TestCase("()")]
    public void A_name_or_nothing_is_not_a_number(string? search)
    {
        Assert.That(PhoneSearch.StoredDigits(search), Is.Empty);
        Assert.That(PhoneSearch.Matches(ItalianMobile, search), Is.False);
    }

    [Test]
    public void The_runs_of_digits_are_the_typed_ones_and_those_without_the_prefix()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PhoneSearch.StoredDigits("0039 347 123 4567"), Is.EqualTo(new[] { "00393471234567", "393471234567" }));
            Assert.That(PhoneSearch.StoredDigits("06 1234 5678"), Is.EqualTo(new[] { "0612345678", "612345678" }));
            Assert.That(PhoneSearch.StoredDigits("+39 347 123 4567"), Is.EqualTo(new[] { "393471234567" }));
            Assert.That(PhoneSearch.StoredDigits("347 123 4567"), Is.EqualTo(new[] { "3471234567" }));
            Assert.That(PhoneSearch.StoredDigits("0002"), Is.EqualTo(new[] { "0002" }), "the end of a number, not 2 after a prefix");
            Assert.That(PhoneSearch.StoredDigits("0039 34"), Is.EqualTo(new[] { "003934", "3934" }));
        });
    }
}
