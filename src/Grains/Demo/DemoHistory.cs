using Consultant.Grains.Analytics;
using NodaTime;

namespace Consultant.Grains.Demo;

/// <summary>
/// Thirty days of a plausible WhatsApp life for the demo consultant, so the Analytics page (and the Conversations list)
/// show something on a fresh start: three clients and nine leads writing at daytime hours of the consultant's zone,
/// answered by the AI in seconds or by the consultant in minutes, a few photos, PDFs and voice notes, the AI calls with
/// their tokens, and leads at every stage of the funnel. The same every time (a fixed seed), relative to today.
/// </summary>
public static class DemoHistory
{
    /// <summary>Days of history before today.</summary>
    public const int Days = 30;

    /// <summary>Marks the seeded inbound messages (their Twilio SID): seeding again finds them and adds nothing.</summary>
    public const string SidPrefix = "DEMOHIST";

    private static readonly DemoContact[] Contacts =
    [
        new("+34611223344", "Ana García", IsClient: true, FurthestStage: null, [27, 24, 20, 17, 13, 10, 6, 3, 1], AiAnswers: true,
            ["Hola! Hoy he hecho el entrenamiento de intervalos", "¿Puedo cambiar el día de fuerza al jueves?", "Me duele un poco la rodilla, ¿qué hago?"]),
        new("+393471234567", "Marco Rossi", IsClient: true, FurthestStage: null, [26, 19, 12, 9, 5, 2], AiAnswers: false,
            ["Ciao, ti mando l'estratto conto del mese", "Ho chiuso due abbonamenti come dicevi", "Quanto dovrei mettere nel fondo emergenze?"]),
        new("+14155550123", "James Carter", IsClient: true, FurthestStage: null, [25, 21, 16, 11, 8, 4, 1], AiAnswers: true,
            ["Bench went up to 82.5 kg today!", "Which index fund did you mention?", "Should I eat more on rest days?"]),
        new("+393401112201", "Giulia Bianchi", IsClient: false, LeadStage.Converted, [28, 27, 25, 22, 18], AiAnswers: true,
            ["Ciao! Ho visto il tuo profilo, fai anche programmi online?", "Quanto costa il percorso di 3 mesi?", "Perfetto, prenoto la prima consulenza"]),
        new("+393401112202", "Luca Ferrari", IsClient: false, LeadStage.Booked, [23, 22, 19, 15], AiAnswers: true,
            ["Buongiorno, vorrei informazioni sulla consulenza finanziaria", "Ho un mutuo e vorrei capire se conviene estinguerlo", "Va bene giovedì alle 18?"]),
        new("+393401112203", "Sara Romano", IsClient: false, LeadStage.Qualified, [20, 19, 14], AiAnswers: true,
            ["Ciao, voglio perdere 5 kg prima dell'estate", "Mi alleno già due volte a settimana", "La mia mail è sara.romano@example.com"]),
        new("+393401112204", "Paolo Esposito", IsClient: false, LeadStage.Engaged, [16, 15, 9], AiAnswers: true,
            ["Salve, lavorate anche con principianti?", "Ho 45 anni e non mi alleno da tempo", "Ci penso e vi faccio sapere"]),
        new("+393401112205", "Elena Conti", IsClient: false, LeadStage.Engaged, [12, 11], AiAnswers: true,
            ["Ciao! Quanto dura una consulenza?", "E si può fare anche in videochiamata?"]),
        new("+393401112206", "Davide Ricci", IsClient: false, LeadStage.New, [7], AiAnswers: true,
            ["Info sui prezzi?"]),
        new("+393401112207", "Chiara Marino", IsClient: false, LeadStage.Engaged, [6, 5, 2], AiAnswers: false,
            ["Ciao, mi ha dato il tuo numero Giulia", "Vorrei un piano per correre la mezza maratona", "Quando possiamo sentirci?"]),
        // libphonenumber's example UK mobile, not Ofcom's 07700 900xxx drama range: that one it holds invalid, so the
        // dashboard would show it raw beside the formatted others (and the client form would refuse it).
        new("+447400123401", "Tom Walker", IsClient: false, LeadStage.Engaged, [4, 3], AiAnswers: true,
            ["Hi, do you coach people abroad?", "Great, what would the first month look like?"]),
        new("+34600111222", "Lucía Pérez", IsClient: false, LeadStage.New, [2], AiAnswers: true,
            ["Hola, ¿hacéis planes de ahorro?"]),
    ];

    private static readonly string[] AiReplies =
    [
        "Thanks for writing! Here is what I suggest…", "Great question: in short, yes. Let me explain…",
        "Well done! Keep it up and tell me how it goes.", "I have noted it for your consultant.",
    ];

    private static readonly string[] ConsultantReplies =
    [
        "Ciao! Ti rispondo io: ne parliamo alla prossima consulenza.", "Ricevuto, grazie! Ti mando due proposte stasera.",
        "Perfetto, ci sentiamo domani mattina.",
    ];

    /// <summary>The conversations of the history, each with its messages in order, for the days before <paramref name="today"/> in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<DemoConversation> Plan(LocalDate today, DateTimeZone zone)
    {
        var random = new Random(15);
        return Contacts.Select(contact => PlanOf(contact, today, zone, random)).ToList();
    }

    private static DemoConversation PlanOf(DemoContact contact, LocalDate today, DateTimeZone zone, Random random)
    {
        var messages = new List<DemoMessage>();
        var stages = new List<(string Stage, DateTimeOffset At)>();
        for (var exchange = 0; exchange < contact.DaysAgo.Length; exchange++)
        {
            var day = today.PlusDays(-contact.DaysAgo[exchange]);
            var at = zone.AtLeniently(day.At(new LocalTime(random.Next(8, 21), random.Next(0, 60)))).ToDateTimeOffset().ToUniversalTime();
            var batchId = Guid.NewGuid();
            var text = contact.Texts[exchange % contact.Texts.Length];
            var media = (contact.DaysAgo[exchange] % 5) switch
            {
                0 when exchange > 0 => "image/jpeg",
                3 when contact.IsClient => "application/pdf",
                1 when exchange % 2 == 1 => "audio/ogg",
                _ => null,
            };
            messages.Add(DemoMessage.Received(text, at, batchId, media));
            if (exchange % 3 == 1)
            {
                at = at.AddSeconds(random.Next(3, 20));
                messages.Add(DemoMessage.Received("🙂", at, batchId, null)); // a burst: answered at once
            }

            var answeredByAi = contact.AiAnswers && exchange % 4 != 3;
            var reply = answeredByAi
                ? DemoMessage.Ai(AiReplies[random.Next(AiReplies.Length)], at.AddSeconds(random.Next(4, 25)), batchId)
                : DemoMessage.Consultant(ConsultantReplies[random.Next(ConsultantReplies.Length)], at.AddMinutes(random.Next(3, 95)));
            messages.Add(reply);
            if (!contact.IsClient)
            {
                stages.AddRange(StagesAt(contact, exchange, at, reply.At));
            }
        }

        if (contact.FurthestStage == LeadStage.New)
        {
            // A lead who went quiet gets a follow-up a day later (automation, not an answer).
            messages.Add(DemoMessage.FollowUp("Ciao! Hai avuto modo di pensarci? Sono qui se hai domande.", messages[^1].At.AddDays(1)));
        }

        var convertedAt = contact.FurthestStage == LeadStage.Converted ? stages.Single(s => s.Stage == LeadStage.Converted).At : (DateTimeOffset?)null;
        return new DemoConversation(contact.Phone, contact.Name, contact.IsClient, contact.AiAnswers, convertedAt, messages, stages);
    }

    /// <summary>
    /// The lead's stages as the funnel records them: new at the first message, engaged when they write again, then
    /// qualified, booked and converted (by hand) after later exchanges, never beyond the contact's furthest stage.
    /// </summary>
    private static IEnumerable<(string Stage, DateTimeOffset At)> StagesAt(DemoContact contact, int exchange, DateTimeOffset inboundAt, DateTimeOffset replyAt)
    {
        var furthest = LeadStage.Rank(contact.FurthestStage);
        var reached = exchange switch
        {
            0 => new[] { (LeadStage.New, inboundAt) },
            1 => [(LeadStage.Engaged, inboundAt)],
            2 => [(LeadStage.Qualified, replyAt.AddHours(2))],
            3 => [(LeadStage.Booked, replyAt.AddHours(1))],
            _ => [(LeadStage.Converted, replyAt.AddDays(1))],
        };
        return reached.Where(stage => LeadStage.Rank(stage.Item1) <= furthest);
    }

    private sealed record DemoContact(
        string Phone, string Name, bool IsClient, string? FurthestStage, int[] DaysAgo, bool AiAnswers, string[] Texts);
}
