using Consultant.Grains.Common;
using Consultant.Grains.FollowUps;

namespace Consultant.Tests;

/// <summary>A contact without a name or a consultation without a link never reads a gap ("Ciao , …", "Link:").</summary>
public sealed class MessagePlaceholdersTests
{
    private static Dictionary<string, string?> Values(string? name, string? link = "https://meet.example/abc") => new()
    {
        ["{name}"] = name, ["{date}"] = "ven 27 nov", ["{time}"] = "09:00", ["{link}"] = link,
    };

    [TestCase("it", "Ciao Giulia, ci vediamo tra un'ora (09:00). Link: https://meet.example/abc")]
    [TestCase("fr", "Bonjour Giulia, à dans une heure (09:00). Lien : https://meet.example/abc")]
    public void Every_placeholder_with_a_value_is_filled(string language, string expected) =>
        Assert.That(MessagePlaceholders.Fill(FollowUpRuleDefaults.All[FollowUpRuleKeys.Before1h].Texts[language], Values("Giulia")), Is.EqualTo(expected));

    [TestCase("it", "Ciao, ci vediamo tra un'ora (09:00).")]
    [TestCase("en", "Hi, see you in an hour (09:00).")]
    [TestCase("es", "Hola, nos vemos en una hora (09:00).")]
    [TestCase("fr", "Bonjour, à dans une heure (09:00).")]
    public void Without_a_name_or_a_link_the_default_reminder_reads_whole(string language, string expected) =>
        Assert.That(MessagePlaceholders.Fill(FollowUpRuleDefaults.All[FollowUpRuleKeys.Before1h].Texts[language], Values(null, link: null)), Is.EqualTo(expected));

    [TestCase("Ciao {name}! Posso aiutarti?", "Ciao! Posso aiutarti?")]
    [TestCase("¡Hola {name}! ¿Cómo van los ejercicios?", "¡Hola! ¿Cómo van los ejercicios?")]
    [TestCase("Bonjour {name} ! Comment ça va ?", "Bonjour ! Comment ça va ?")]
    [TestCase("{name}, hai domande?", "hai domande?")]
    public void An_empty_name_goes_with_the_space_before_it(string text, string expected) =>
        Assert.That(MessagePlaceholders.Fill(text, Values("  ")), Is.EqualTo(expected));

    [Test]
    public void An_empty_link_goes_with_its_label_and_the_sentence_after_stays() =>
        Assert.That(MessagePlaceholders.Fill("Domani alle {time}. Entra qui: {link}\nA presto!", Values("Giulia", link: "")),
            Is.EqualTo("Domani alle 09:00.\nA presto!"));
}
