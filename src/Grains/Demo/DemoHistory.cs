using Consultant.Grains.Analytics;
using Consultant.Grains.Languages;
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

    // Each contact writes in the language the product picks from their number (CountryLanguage: +39 Italian, +34
    // Spanish, +44 and +1 English), and every question comes with its own answer in that language, given by the AI or
    // by the consultant alike: a first look at the demo must show the language feature and replies that fit.
    private static readonly DemoContact[] Contacts =
    [
        new("+34611223344", "Ana García", IsClient: true, FurthestStage: null, [27, 24, 20, 17, 13, 10, 6, 3, 1], AiAnswers: true,
        [
            new("Hola! Hoy he hecho el entrenamiento de intervalos", "¡Muy bien, Ana! Después de los intervalos estira cinco minutos y bebe mucha agua."),
            new("¿Puedo cambiar el día de fuerza al jueves?", "Sí, puedes pasar la fuerza al jueves: deja un día de descanso antes de los intervalos."),
            new("Me duele un poco la rodilla, ¿qué hago?", "Descansa la rodilla hoy y ponle hielo; si mañana sigue el dolor, lo vemos con tu consultor."),
        ]),
        new("+393471234567", "Marco Rossi", IsClient: true, FurthestStage: null, [26, 19, 12, 9, 5, 2], AiAnswers: false,
        [
            new("Ciao, ti mando l'estratto conto del mese", "Grazie Marco, ricevuto l'estratto conto: lo guardo stasera e ti scrivo cosa ho notato."),
            new("Ho chiuso due abbonamenti come dicevi", "Ottimo lavoro! Sono già una quarantina di euro risparmiati ogni mese."),
            new("Quanto dovrei mettere nel fondo emergenze?", "Punta a tre mesi di spese fisse nel fondo emergenze: ne parliamo alla prossima consulenza."),
        ]),
        new("+14155550123", "James Carter", IsClient: true, FurthestStage: null, [25, 21, 16, 11, 8, 4, 1], AiAnswers: true,
        [
            new("Bench went up to 82.5 kg today!", "Great work on the bench! Keep the same weight next week and aim for one more rep."),
            new("Which index fund did you mention?", "I mentioned a cheap global index fund; your consultant will send you the name and what it costs."),
            new("Should I eat more on rest days?", "Keep rest days about the same, with a little less carbohydrate and plenty of protein."),
        ]),
        new("+393401112201", "Giulia Bianchi", IsClient: false, LeadStage.Converted, [28, 27, 25, 22, 18], AiAnswers: true,
        [
            new("Ciao! Ho visto il tuo profilo, fai anche programmi online?", "Ciao Giulia! Sì, seguiamo anche programmi online, con un controllo ogni settimana su WhatsApp."),
            new("Quanto costa il percorso di 3 mesi?", "Il percorso di tre mesi costa 240 euro, con la prima consulenza compresa."),
            new("Perfetto, prenoto la prima consulenza", "Benissimo! Il consulente ti scriverà per confermare giorno e orario della consulenza."),
            new("La consulenza mi è piaciuta molto, grazie!", "Che bello sentirlo! Ti preparo il programma e lo ricevi entro venerdì."),
            new("Ok, divento cliente! Come pago?", "Benvenuta tra i clienti! Ti mandiamo per email i dati per il bonifico."),
        ]),
        new("+393401112202", "Luca Ferrari", IsClient: false, LeadStage.Booked, [23, 22, 19, 15], AiAnswers: true,
        [
            new("Buongiorno, vorrei informazioni sulla consulenza finanziaria", "Buongiorno Luca! La consulenza finanziaria parte da un incontro di un'ora su entrate, spese e obiettivi."),
            new("Ho un mutuo e vorrei capire se conviene estinguerlo", "Dipende dal tasso del mutuo e dai tuoi risparmi: lo valutiamo insieme nella prima consulenza."),
            new("Va bene giovedì alle 18?", "Sì, giovedì alle 18 va benissimo: ti ho segnato in calendario."),
            new("Ho messo l'appuntamento in agenda, a giovedì!", "Perfetto, a giovedì! Porta pure l'ultimo estratto del mutuo."),
        ]),
        new("+393401112203", "Sara Romano", IsClient: false, LeadStage.Qualified, [20, 19, 14], AiAnswers: true,
        [
            new("Ciao, voglio perdere 5 kg prima dell'estate", "Ciao Sara! Cinque chili entro l'estate sono un obiettivo realistico con un piano graduale."),
            new("Mi alleno già due volte a settimana", "Ottima base! Aggiungiamo una terza seduta breve e sistemiamo l'alimentazione."),
            new("Puoi scrivermi per email, la trovi nel mio profilo", "Grazie, ti scriviamo per email con la proposta del piano."),
        ]),
        new("+393401112204", "Paolo Esposito", IsClient: false, LeadStage.Engaged, [16, 15, 9], AiAnswers: true,
        [
            new("Salve, lavorate anche con principianti?", "Certo, lavoriamo spesso con principianti: si parte piano e si cresce insieme."),
            new("Ho 45 anni e non mi alleno da tempo", "Nessun problema a 45 anni: iniziamo con camminate ed esercizi leggeri, tre volte a settimana."),
            new("Ci penso e vi faccio sapere", "Certo, prenditi il tempo che ti serve: sono qui quando vuoi cominciare."),
        ]),
        new("+393401112205", "Elena Conti", IsClient: false, LeadStage.Engaged, [12, 11], AiAnswers: true,
        [
            new("Ciao! Quanto dura una consulenza?", "Ciao Elena! Una consulenza dura circa un'ora, domande comprese."),
            new("E si può fare anche in videochiamata?", "Sì, la consulenza si può fare anche in videochiamata, allo stesso prezzo."),
        ]),
        new("+393401112206", "Davide Ricci", IsClient: false, LeadStage.New, [7], AiAnswers: true,
        [
            new("Info sui prezzi?", "Ciao Davide! Una consulenza costa 60 euro, il percorso di tre mesi 240 euro."),
        ]),
        new("+393401112207", "Chiara Marino", IsClient: false, LeadStage.Engaged, [6, 5, 2], AiAnswers: false,
        [
            new("Ciao, mi ha dato il tuo numero Giulia", "Ciao Chiara, che piacere! Le amiche di Giulia sono sempre benvenute."),
            new("Vorrei un piano per correre la mezza maratona", "Bellissimo obiettivo! Per la mezza maratona servono circa dodici settimane di preparazione."),
            new("Quando possiamo sentirci?", "Possiamo sentirci domani mattina alle dieci, ti va bene?"),
        ]),
        // libphonenumber's example UK mobile, not Ofcom's 07700 900xxx drama range: that one it holds invalid, so the
        // dashboard would show it raw beside the formatted others (and the client form would refuse it).
        new("+447400123401", "Tom Walker", IsClient: false, LeadStage.Engaged, [4, 3], AiAnswers: true,
        [
            new("Hi, do you coach people abroad?", "Yes, we coach people abroad too: every session is online and in your time zone."),
            new("Great, what would the first month look like?", "The first month starts with an assessment call, then three workouts a week with weekly check-ins."),
        ]),
        new("+34600111222", "Lucía Pérez", IsClient: false, LeadStage.New, [2], AiAnswers: true,
        [
            new("Hola, ¿hacéis planes de ahorro?", "¡Hola Lucía! Sí, preparamos planes de ahorro a medida según tus ingresos y tus objetivos."),
        ]),
    ];

    /// <summary>The follow-up a lead who went quiet gets, in the contact's language (the one the product picks for them).</summary>
    private static readonly Dictionary<ContactLanguage, string> FollowUps = new()
    {
        [ContactLanguage.Italian] = "Ciao! Hai avuto modo di pensarci? Sono qui se hai domande.",
        [ContactLanguage.English] = "Hi! Have you had a chance to think about it? I am here if you have questions.",
        [ContactLanguage.Spanish] = "¡Hola! ¿Has tenido tiempo de pensarlo? Estoy aquí si tienes preguntas.",
        [ContactLanguage.French] = "Bonjour ! Avez-vous eu le temps d'y réfléchir ? Je suis là si vous avez des questions.",
    };

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
            var (text, answer) = contact.Exchanges[exchange % contact.Exchanges.Length];
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
                ? DemoMessage.Ai(answer, at.AddSeconds(random.Next(4, 25)), batchId)
                : DemoMessage.Consultant(answer, at.AddMinutes(random.Next(3, 95)));
            messages.Add(reply);
            if (!contact.IsClient)
            {
                stages.AddRange(StagesAt(contact, exchange, at, reply.At));
            }
        }

        if (contact.FurthestStage == LeadStage.New)
        {
            // A lead who went quiet gets a follow-up a day later (automation, not an answer).
            messages.Add(DemoMessage.FollowUp(FollowUps[CountryLanguage.Of(contact.Phone)], messages[^1].At.AddDays(1)));
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
        string Phone, string Name, bool IsClient, string? FurthestStage, int[] DaysAgo, bool AiAnswers, DemoExchange[] Exchanges);

    /// <summary>What the contact writes and the answer to it (the AI's or the consultant's, whoever answers).</summary>
    private sealed record DemoExchange(string Question, string Answer);
}
