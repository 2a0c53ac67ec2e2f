using System.Globalization;
using Consultant.Grains.Common;

namespace Consultant.Tests;

/// <summary>
/// Numbers typed on the dashboard are read the way its language writes them: Italian "62,5" is 62.5 and "2.500" is
/// 2500; a number written the other language's way is not read at all, never read as another number.
/// </summary>
public sealed class CultureNumbersTests
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [TestCase("62,5", 62.5)]
    [TestCase("2.500", 2500)]
    [TestCase("1.800,50", 1800.5)]
    [TestCase("12.345.678,9", 12345678.9)]
    [TestCase("2500", 2500)]
    [TestCase(" 80 ", 80)]
    [TestCase(",5", 0.5)]
    [TestCase("-3", -3)]
    public void Italian_numbers_are_read_the_Italian_way(string text, double expected)
    {
        Assert.That(CultureNumbers.TryParse(text, Italian, out decimal value), Is.True, text);
        Assert.That(value, Is.EqualTo((decimal)expected));
    }

    [TestCase("62.5", 62.5)]
    [TestCase("2,500", 2500)]
    [TestCase("1,800.50", 1800.5)]
    [TestCase("2500", 2500)]
    public void English_numbers_are_read_the_English_way(string text, double expected)
    {
        Assert.That(CultureNumbers.TryParse(text, English, out decimal value), Is.True, text);
        Assert.That(value, Is.EqualTo((decimal)expected));
    }

    [TestCase("62.5")] // 625 if the dot were a thousands separator anywhere
    [TestCase("2.50")]
    [TestCase("1.800.5")]
    [TestCase("1,2,3")]
    [TestCase("62,")]
    [TestCase("abc")]
    [TestCase("12 kg")]
    [TestCase("")]
    [TestCase("1e5")]
    public void Text_that_is_not_an_Italian_number_is_not_read(string text) =>
        Assert.That(CultureNumbers.TryParse(text, Italian, out decimal _), Is.False, text);

    [TestCase("62,5")] // 625 if the comma were a thousands separator anywhere
    [TestCase("2,50")]
    [TestCase("1.800,50")]
    public void Text_that_is_not_an_English_number_is_not_read(string text) =>
        Assert.That(CultureNumbers.TryParse(text, English, out decimal _), Is.False, text);

    [Test]
    public void A_whole_number_is_whole_and_fits()
    {
        Assert.That(CultureNumbers.TryParse("1.000", Italian, out int thousand) && thousand == 1000);
        Assert.That(CultureNumbers.TryParse("4,5", Italian, out int _), Is.False, "not whole");
        Assert.That(CultureNumbers.TryParse("99999999999", English, out int _), Is.False, "too big for a whole number field");
        Assert.That(CultureNumbers.TryParse("99999999999999999999999999999999", English, out decimal _), Is.False, "too big for a decimal");
    }
}
