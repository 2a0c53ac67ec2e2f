namespace Consultant.Grains.Replying;

/// <summary>
/// A quick keyword guess at what a batch is about (English, Portuguese, Spanish, Italian), given to the AI as a
/// hint. The AI reads the messages itself; this only steers its focus.
/// </summary>
public static class IntentDetector
{
    private static readonly (MessageIntent Intent, string[] Words)[] Vocabulary =
    [
        (MessageIntent.Booking, ["book", "appointment", "schedule", "reschedule", "meeting", "call", "session", "agendar", "marcar", "consulta", "horário", "cita", "reservar", "appuntamento", "prenotare"]),
        (MessageIntent.Workout, ["workout", "training", "exercise", "gym", "squat", "bench", "deadlift", "run", "cardio", "reps", "sets", "treino", "exercício", "academia", "entrenamiento", "ejercicio", "gimnasio", "allenamento", "esercizio", "palestra"]),
        (MessageIntent.Nutrition, ["diet", "meal", "food", "calorie", "calories", "protein", "carbs", "eat", "breakfast", "lunch", "dinner", "dieta", "comida", "refeição", "proteína", "calorias", "comer", "pasto", "cibo", "proteine"]),
        (MessageIntent.Finance, ["money", "budget", "save", "savings", "invest", "investing", "debt", "loan", "income", "expenses", "salary", "dinheiro", "orçamento", "poupar", "investir", "dívida", "dinero", "presupuesto", "ahorrar", "deuda", "soldi", "risparmiare", "investire", "debito"]),
        (MessageIntent.Greeting, ["hi", "hello", "hey", "good morning", "good afternoon", "good evening", "olá", "oi", "bom dia", "boa tarde", "hola", "buenos días", "ciao", "buongiorno"]),
    ];

    public static MessageIntent Detect(string text)
    {
        var words = Tokenize(text);
        var lowered = " " + string.Join(' ', words) + " ";
        var best = MessageIntent.Other;
        var bestScore = 0;
        foreach (var (intent, vocabulary) in Vocabulary)
        {
            var score = vocabulary.Count(word => lowered.Contains(" " + word + " ", StringComparison.Ordinal));
            // Greeting only wins when nothing more specific was asked.
            if (score > bestScore && (intent != MessageIntent.Greeting || best == MessageIntent.Other))
            {
                (best, bestScore) = (intent, score);
            }
        }

        return best;
    }

    private static IEnumerable<string> Tokenize(string text) =>
        text.ToLowerInvariant()
            .Split([' ', '\n', '\r', '\t', ',', '.', '!', '?', ';', ':', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
}
