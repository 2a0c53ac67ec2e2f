using Consultant.Grains.Languages;

namespace Consultant.Tests;

/// <summary>The contact's language: detection, requests, the starting guess and the sticky rule (no host needed).</summary>
public sealed class ContactLanguageDetectionTests
{
    private static readonly ContactLanguageDetector Detector = new();

    [TestCase("Hola, quiero información sobre vuestros programas", "es")]
    [TestCase("Buongiorno, vorrei sapere quanto costa il percorso di allenamento", "it")]
    [TestCase("Bonjour, je voudrais des informations sur vos programmes", "fr")]
    [TestCase("Hi, I would like to know more about your coaching programs", "en")]
    public void A_long_message_is_detected_confidently(string text, string expected) =>
        Assert.That(Detector.DetectConfidently(text)?.Code, Is.EqualTo(expected));

    [TestCase("ok")]
    [TestCase("ok, fine")]
    [TestCase("Hello")]
    [TestCase("Grazie mille")]
    [TestCase("Perfetto!")]
    [TestCase("👍")]
    [TestCase("Supercalifragilisticexpialidocious")]
    [TestCase("10:30 va bene")]
    public void A_short_message_never_decides(string text) =>
        Assert.That(Detector.DetectConfidently(text), Is.Null);

    /// <summary>An Italian number writes a clear sentence in English first: English wins over the country's language.</summary>
    /// <remarks>Lingua's English for each, among the four: 0.945, 0.862, 0.824, 0.787 (below <see cref="ContactLanguageDetector.MinimumConfidence"/> but seven words and far ahead).</remarks>
    [TestCase("Hi, I'd like to know your prices for personal training")]
    [TestCase("Can I book a session for tomorrow?")]
    [TestCase("I'd like to book a consultation please")]
    [TestCase("Hi, I'm looking for a personal trainer")]
    public void A_clear_english_sentence_from_an_italian_number_is_answered_in_english(string text)
    {
        var decided = LanguageRule.AfterMessage(null, text, Detector);
        var current = LanguageRule.Current(decided, clientLanguage: null, "+393471234567");
        Assert.That((current.Language.Code, current.Source), Is.EqualTo(("en", LanguageSource.Detected)), text);
    }

    /// <summary>
    /// After the first message the question is only whether a message moves the contact to another language: the same
    /// sentences move an Italian conversation to English, and a message in the language in force changes nothing.
    /// </summary>
    [TestCase("Hi, I'd like to know your prices for personal training")]
    [TestCase("Can I book a session for tomorrow?")]
    [TestCase("I'd like to book a consultation please")]
    [TestCase("Hi, I'm looking for a personal trainer")]
    public void A_clear_english_sentence_moves_an_italian_conversation_to_english(string text)
    {
        foreach (var italian in new[] { new LanguageChoice(ContactLanguage.Italian, LanguageSource.Phone), new LanguageChoice(ContactLanguage.Italian, LanguageSource.Detected) })
        {
            Assert.That(LanguageRule.AfterMessage(italian, text, Detector), Is.EqualTo(new LanguageChoice(ContactLanguage.English, LanguageSource.Detected)), text);
        }
    }

    [TestCase("Buongiorno, vorrei sapere quanto costa il percorso di allenamento", "it")]
    [TestCase("Hola, quiero información sobre vuestros programas", "es")]
    [TestCase("Bonjour, je voudrais des informations sur vos programmes", "fr")]
    [TestCase("Hi, I would like to know more about your coaching programs", "en")]
    public void A_message_in_the_language_in_force_changes_nothing_and_moves_the_others(string text, string written)
    {
        foreach (var inForce in ContactLanguage.All)
        {
            var expected = inForce.Code == written ? null : ContactLanguage.FromCode(written);
            Assert.That(Detector.DetectChange(text, inForce), Is.EqualTo(expected), $"{text} while {inForce.Code} is in force");
        }

        var decided = new LanguageChoice(ContactLanguage.FromCode(written)!, LanguageSource.Detected);
        Assert.That(LanguageRule.AfterMessage(decided, text, Detector), Is.SameAs(decided));
    }

    [TestCase("ok")]
    [TestCase("Hello")]
    [TestCase("10:30 va bene")]
    public void A_short_message_moves_no_conversation(string text)
    {
        foreach (var inForce in ContactLanguage.All)
        {
            Assert.That(Detector.DetectChange(text, inForce), Is.Null, $"{text} while {inForce.Code} is in force");
        }
    }

    /// <summary>Italian, short or ambiguous from an Italian number: the number's Italian stays (or the message confirms it).</summary>
    [TestCase("ok")]
    [TestCase("ciao")]
    [TestCase("grazie")]
    [TestCase("Grazie mille")]
    [TestCase("3471234567")]
    [TestCase("👍")]
    [TestCase("10:30 va bene")]
    [TestCase("Ok perfetto, grazie")]
    [TestCase("Ciao, vorrei info sul personal training")]
    [TestCase("Ok, il personal training online va bene")] // English 0.774, Italian 0.127: not far enough ahead
    [TestCase("Ciao! Info sul coaching online please")] // English 0.865, but six words
    [TestCase("Ciao, fate anche personal training online?")]
    [TestCase("Ciao, avete un free trial per il coaching?")]
    [TestCase("Ciao, vorrei sapere i prezzi del personal training")]
    [TestCase("Buongiorno, avete posto per una consulenza la prossima settimana?")]
    public void Italian_short_or_ambiguous_messages_from_an_italian_number_stay_italian(string text)
    {
        var decided = LanguageRule.AfterMessage(null, text, Detector);
        Assert.That(LanguageRule.Current(decided, clientLanguage: null, "+393471234567").Language.Code, Is.EqualTo("it"), text);
    }

    /// <summary>The rule on Lingua's own figures: sure enough, or a sentence well ahead of the runner-up.</summary>
    [TestCase(0.92, 0.05, 3, true, TestName = "Sure at 0.92: clear whatever the length")]
    [TestCase(0.885, 0.05, 9, true, TestName = "A nine-word sentence at 0.885 with the runner-up at 0.05: clear")]
    [TestCase(0.865, 0.067, 6, false, TestName = "Six words at 0.865: not a sentence, not clear")]
    [TestCase(0.7, 0.03, 9, false, TestName = "A sentence at 0.7: not sure enough")]
    [TestCase(0.774, 0.127, 7, false, TestName = "A sentence at 0.774 with the runner-up at 0.127: too close")]
    public void A_message_is_clear_by_the_detectors_confidence_its_lead_and_its_words(double top, double runnerUp, int words, bool clear) =>
        Assert.That(ContactLanguageDetector.IsClear(top, runnerUp, words), Is.EqualTo(clear));

    [TestCase("can you write in English?", "en")]
    [TestCase("Could you please answer in French", "fr")]
    [TestCase("puoi scrivere in italiano?", "it")]
    [TestCase("Mi scrivi in inglese per favore?", "en")]
    [TestCase("¿puedes escribir en español?", "es")]
    [TestCase("escríbeme en inglés", "en")]
    [TestCase("pouvez-vous écrire en français ?", "fr")]
    [TestCase("Parlez-vous anglais ?", "en")]
    [TestCase("do you speak Italian?", "it")]
    [TestCase("English please", "en")]
    [TestCase("in italiano per favore", "it")]
    public void A_contact_asking_for_a_language_is_heard(string text, string expected) =>
        Assert.That(LanguageRequests.AskedFor(text)?.Code, Is.EqualTo(expected));

    [TestCase("I lived in Spain for years and loved it")]
    [TestCase("My wife is French")]
    [TestCase("I lived in Spain, my Spanish is rusty")]
    [TestCase("ok")]
    public void Mentioning_a_language_or_a_country_is_no_request(string text) =>
        Assert.That(LanguageRequests.AskedFor(text), Is.Null);

    [TestCase("+393471234567", "it")]
    [TestCase("+34612345678", "es")]
    [TestCase("+33612345678", "fr")]
    [TestCase("+447700900123", "en")]
    [TestCase("+14155550123", "en")]
    [TestCase("+5511987654321", "en")]
    [TestCase("sim:+34612345678", "es")]
    [TestCase("IT.13491208655302741918", "it")]
    [TestCase("US.13491208655302741918", "en")]
    public void A_contact_starts_from_their_numbers_country(string address, string expected)
    {
        var start = LanguageRule.Start(clientLanguage: null, address);
        Assert.That((start.Language.Code, start.Source), Is.EqualTo((expected, LanguageSource.Phone)));
    }

    [Test]
    public void A_clients_record_wins_over_the_number_and_not_set_does_not()
    {
        Assert.That(LanguageRule.Start("fr", "+393471234567"), Is.EqualTo(new LanguageChoice(ContactLanguage.French, LanguageSource.Client)));
        Assert.That(LanguageRule.Start(null, "+393471234567"), Is.EqualTo(new LanguageChoice(ContactLanguage.Italian, LanguageSource.Phone)));
    }

    [Test]
    public void The_language_is_sticky_and_the_consultants_choice_sticks_hardest()
    {
        var spanish = LanguageRule.AfterMessage(null, "Hola, quiero información sobre vuestros programas", Detector);
        Assert.That(spanish, Is.EqualTo(new LanguageChoice(ContactLanguage.Spanish, LanguageSource.Detected)));
        Assert.That(LanguageRule.AfterMessage(spanish, "ok", Detector), Is.SameAs(spanish));
        Assert.That(LanguageRule.AfterMessage(spanish, "Hello", Detector), Is.SameAs(spanish));
        Assert.That(LanguageRule.AfterMessage(spanish, "can you write in English?", Detector),
            Is.EqualTo(new LanguageChoice(ContactLanguage.English, LanguageSource.Asked)));

        var chosen = new LanguageChoice(ContactLanguage.Italian, LanguageSource.Consultant);
        Assert.That(LanguageRule.AfterMessage(chosen, "Hi, I would like to know more about your coaching programs", Detector), Is.SameAs(chosen));
        Assert.That(LanguageRule.AfterMessage(chosen, "can you write in English?", Detector), Is.SameAs(chosen));
    }

    [Test]
    public void Every_contact_text_exists_in_the_four_languages_and_differs_from_english()
    {
        foreach (var language in ContactLanguage.All.Where(l => l != ContactLanguage.English))
        {
            Assert.That(ContactTexts.OptOutConfirmation(language), Is.Not.EqualTo(ContactTexts.OptOutConfirmation(ContactLanguage.English)), language.Code);
            Assert.That(ContactTexts.OptInConfirmation(language), Is.Not.EqualTo(ContactTexts.OptInConfirmation(ContactLanguage.English)), language.Code);
        }

        Assert.That(ContactTexts.OptOutConfirmation(ContactLanguage.Italian), Does.Contain("START"));
    }
}
