namespace Consultant.Grains.Ai;

/// <summary>Why the AI could not answer, each ending with what resolves it (shown as the conversation's "needs reply").</summary>
public static class AiProblemText
{
    public const string NoKeyForClients =
        "No AI key for your clients: add your AI API key in WhatsApp settings (AI section), or reply by hand.";

    public const string NoPoolKey = "No AI key for leads: the shared key pool is empty or every key is resting after a rate limit. " +
        "Ask an administrator to add pool keys, or save your own AI key in WhatsApp settings and switch on \"Answer leads with my own AI key\".";

    public const string NoOwnKeyForLeads = "No AI key for leads: \"Answer leads with my own AI key\" is on but no key is saved. " +
        "Add your AI API key in WhatsApp settings, or switch that setting off to use the shared keys.";

    public static string KeyRejected(bool ownKey, int status) => ownKey
        ? $"The AI service rejected your AI key (HTTP {status}). Save a valid key in WhatsApp settings (AI section), or reply by hand."
        : $"The AI service rejected a shared key (HTTP {status}). Ask an administrator to replace it, or reply by hand.";

    public static string PoolKeysResting(string lastError) =>
        $"Every shared AI key is resting after a rate limit ({lastError.TrimEnd('.')}). Reply by hand, or save your own AI key in " +
        "WhatsApp settings and switch on \"Answer leads with my own AI key\".";

    /// <summary>
    /// Why one call failed, for <see cref="NotAnswering"/>. Status 0 is no HTTP answer at all (the client library's way
    /// of saying the connection failed), so it is said in plain words rather than as "HTTP 0".
    /// </summary>
    public static string CallFailed(int status) => status == 0 ? Unreachable : $"The AI service answered HTTP {status}.";

    public const string Unreachable = "The AI service could not be reached (no connection to it)";

    /// <summary>The last error when no attempt got as far as an error of its own.</summary>
    public const string NoAnswer = "no answer";

    public static string NotAnswering(int attempts, string lastError) =>
        $"The AI did not answer after {attempts} attempts ({lastError.TrimEnd('.')}). Reply by hand; new messages are answered once the AI service is back.";

    /// <summary>401 and 403: the key itself is refused, so trying it again cannot help.</summary>
    public static bool IsKeyRejection(int? status) => status is 401 or 403;
}
