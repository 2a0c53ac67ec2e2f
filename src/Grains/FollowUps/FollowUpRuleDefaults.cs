namespace Consultant.Grains.FollowUps;

/// <summary>
/// The rules a consultant starts with (switched off, except for the demo consultant): the lead nudge at 23 h, not 24 h,
/// so it still goes as free text inside WhatsApp's 24-hour window; the later ones need a template.
/// </summary>
public static class FollowUpRuleDefaults
{
    public static readonly FollowUpRuleSet All = new(
    [
        Rule(FollowUpRuleKeys.Lead24h, 23 * 60,
            it: "Ciao {name}! Posso aiutarti con qualcos'altro?",
            en: "Hi {name}! Can I help you with anything else?",
            es: "¡Hola {name}! ¿Puedo ayudarte con algo más?",
            fr: "Bonjour {name} ! Puis-je vous aider avec autre chose ?"),
        Rule(FollowUpRuleKeys.Lead48h, 48 * 60,
            it: "Ciao {name}, hai domande sui nostri servizi?",
            en: "Hi {name}, do you have any questions about our services?",
            es: "Hola {name}, ¿tienes preguntas sobre nuestros servicios?",
            fr: "Bonjour {name}, avez-vous des questions sur nos services ?"),
        Rule(FollowUpRuleKeys.Client7d, 7 * 24 * 60,
            it: "Ciao {name}! Come stai andando con gli esercizi?",
            en: "Hi {name}! How are the exercises going?",
            es: "¡Hola {name}! ¿Cómo van los ejercicios?",
            fr: "Bonjour {name} ! Comment se passent les exercices ?"),
        Rule(FollowUpRuleKeys.AfterConsultation, 24 * 60,
            it: "Ciao {name}, spero che la consulenza sia stata utile!",
            en: "Hi {name}, I hope the consultation was helpful!",
            es: "Hola {name}, ¡espero que la consulta te haya sido útil!",
            fr: "Bonjour {name}, j'espère que la consultation vous a été utile !"),
        Rule(FollowUpRuleKeys.Before24h, 24 * 60,
            it: "Ciao {name}, ti ricordo la consulenza di domani, {date} alle {time}. Link: {link}",
            en: "Hi {name}, a reminder of your consultation tomorrow, {date} at {time}. Link: {link}",
            es: "Hola {name}, te recuerdo la consulta de mañana, {date} a las {time}. Enlace: {link}",
            fr: "Bonjour {name}, rappel de votre consultation de demain, {date} à {time}. Lien : {link}"),
        Rule(FollowUpRuleKeys.Before1h, 60,
            it: "Ciao {name}, ci vediamo tra un'ora ({time}). Link: {link}",
            en: "Hi {name}, see you in an hour ({time}). Link: {link}",
            es: "Hola {name}, nos vemos en una hora ({time}). Enlace: {link}",
            fr: "Bonjour {name}, à dans une heure ({time}). Lien : {link}"),
    ]);

    /// <summary>The defaults, all switched on (the demo consultant's).</summary>
    public static FollowUpRuleSet SwitchedOn() => new(All.Rules.Select(rule => rule with { Enabled = true }).ToList());

    private static FollowUpRule Rule(string key, int delayMinutes, string it, string en, string es, string fr) =>
        new(key, Enabled: false, delayMinutes, new Dictionary<string, string> { ["it"] = it, ["en"] = en, ["es"] = es, ["fr"] = fr });
}
