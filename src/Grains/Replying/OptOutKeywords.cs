namespace Consultant.Grains.Replying;

/// <summary>
/// WhatsApp's opt-out rules: a whole message of one of these words (any case) opts the contact out of automatic
/// messages, or back in. A sentence that merely contains "stop" is an ordinary message. Each change is confirmed once,
/// in the contact's language (<see cref="Languages.ContactTexts"/>).
/// </summary>
public static class OptOutKeywords
{
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRESTA", "BASTA",
    };

    private static readonly HashSet<string> OptInWords = new(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP", "RIPRENDI" };

    public static OptOutChange Classify(string body)
    {
        var word = body.Trim().TrimEnd('.', '!');
        return OptOutWords.Contains(word) ? OptOutChange.OptOut : OptInWords.Contains(word) ? OptOutChange.OptIn : OptOutChange.None;
    }
}
