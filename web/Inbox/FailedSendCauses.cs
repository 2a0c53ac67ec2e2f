using System.Text.RegularExpressions;
using Consultant.Grains.Abstractions;

namespace Consultant.Web.Inbox;

/// <summary>
/// The failed messages of the Conversations page's banner grouped by cause, most recent first: one line a cause with
/// each contact once (and how many of their messages it stopped), instead of Twilio's whole sentence per message.
/// </summary>
public static partial class FailedSendCauses
{
    /// <summary>One contact under a cause: their conversation, address and how many messages failed so.</summary>
    public sealed record Contact(Guid ConversationId, string ContactPhone, int Messages);

    /// <summary>A cause in the service's English (the page translates it), with the contacts it hit, most recent first.</summary>
    public sealed record Cause(string Text, IReadOnlyList<Contact> Contacts)
    {
        public int Messages => Contacts.Sum(contact => contact.Messages);
    }

    /// <param name="failed">Newest first, as <c>ConversationService.ListFailedAsync</c> gives them.</param>
    public static IReadOnlyList<Cause> Of(IEnumerable<ChatMessageView> failed) =>
        failed.GroupBy(message => CauseOf(message.Error))
            .Select(cause => new Cause(cause.Key, cause.GroupBy(message => message.ConversationId)
                .Select(contact => new Contact(contact.Key, contact.First().ContactPhone, contact.Count()))
                .ToList()))
            .ToList();

    /// <summary>
    /// A failure without Twilio's own detail, which differs from message to message (it may quote the number):
    /// "X (Twilio error 63016: Twilio's text). Do Y" is "X (Twilio error 63016). Do Y", the words of a failed delivery
    /// (<c>TwilioErrorText.DescribeDelivery</c>), so both kinds of one code are one cause. Anything else as it is.
    /// </summary>
    public static string CauseOf(string? error)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return string.Empty;
        }

        var match = WithTwilioDetail().Match(error);
        return match.Success ? $"{match.Groups["what"].Value} (Twilio error {match.Groups["code"].Value}). {match.Groups["action"].Value}" : error;
    }

    // The action after the last "). " has no brackets; Twilio's detail may.
    [GeneratedRegex(@"^(?<what>.*) \(Twilio error (?<code>\d+): .*\)\. (?<action>[^()]*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex WithTwilioDetail();
}
