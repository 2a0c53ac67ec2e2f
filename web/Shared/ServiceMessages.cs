using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Consultant.Grains.Common;
using Microsoft.Extensions.Localization;

namespace Consultant.Web.Shared;

/// <summary>
/// The services in src/Grains write their messages in English: validation messages, and the reasons stored with a
/// conversation, a message or a file (the API gives them so, and the database keeps them readable). The dashboard
/// shows them in its own language: each message is matched against the English wordings (the partial files beside
/// this one, one a capability), where "{0}" stands for what the service put in, and written again in the page's
/// language. What was put in is translated too when it is itself a known message (a Twilio reason inside "The message
/// could not be sent: …"), with or without its final full stop. Tests enumerate every message the services can write;
/// an unknown one stays English rather than disappear.
/// </summary>
public sealed partial class ServiceMessages(IStringLocalizer<SharedText> localizer)
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private IStringLocalizer<SharedText> L => localizer;

    /// <summary>Each wording once; its <c>Name</c> is the English the service writes, its <c>Value</c> the page's language.</summary>
    private IEnumerable<LocalizedString> Known() =>
        AccountWordings().Concat(InboxWordings()).Concat(ClientWordings()).Concat(ReplyWordings()).Concat(TwilioWordings())
            .Concat(MediaWordings()).Concat(BookingWordings()).Concat(AnalyticsWordings()).Concat(FlowWordings()).Concat(InteractiveWordings())
            .Concat(FollowUpWordings()).Concat(BroadcastWordings())
            .Concat(FieldWordings());

    /// <summary>Every field's messages in the page's language.</summary>
    public IDictionary<string, string[]> Translate(IDictionary<string, string[]> errors) =>
        errors.ToDictionary(pair => pair.Key, pair => pair.Value.Select(Translate).ToArray(), StringComparer.Ordinal);

    /// <summary>All of a refusal's messages in the page's language, as one text (for a snackbar).</summary>
    public string Describe(ValidationErrors errors) => string.Join(" ", Translate(errors.ToDictionary()).SelectMany(pair => pair.Value));

    /// <summary>The message in the page's language; unchanged when it is not one of the known wordings.</summary>
    public string Translate(string message) => TryTranslate(message, out var translated) ? translated : message;

    /// <summary>Null stays null (no reason stored).</summary>
    public string? TranslateOrNull(string? message) => message is null ? null : Translate(message);

    public bool TryTranslate(string message, out string translated)
    {
        foreach (var known in Known())
        {
            var match = Patterns.GetOrAdd(known.Name, PatternOf).Match(message);
            if (match.Success)
            {
                var values = match.Groups.Cast<Group>().Skip(1).OrderBy(group => group.Name, StringComparer.Ordinal)
                    .Select(group => (object)TranslateQuoted(group.Value)).ToArray();
                translated = string.Format(CultureInfo.CurrentCulture, known.Value, values);
                return true;
            }
        }

        translated = message;
        return false;
    }

    /// <summary>A part of a message that is itself a known message, often quoted without its full stop.</summary>
    private string TranslateQuoted(string part)
    {
        if (part.Length == 0)
        {
            return part;
        }

        if (AsWrittenInEnglish(part) is { } number)
        {
            return number.ToString("N" + DecimalsOf(part), CultureInfo.CurrentCulture);
        }

        if (TryTranslate(part, out var translated))
        {
            return translated;
        }

        return !part.EndsWith('.') && TryTranslate(part + ".", out var withStop) ? withStop.TrimEnd('.') : part;
    }

    /// <summary>
    /// A wording as a pattern: "The number {0} is …" as ^The\ number\ (?&lt;p0&gt;.*?)\ is\ …$; "{{" and "}}" are
    /// braces the service writes (as in string.Format).
    /// </summary>
    private static Regex PatternOf(string english)
    {
        var pattern = new StringBuilder("^");
        foreach (Match token in FormatToken().Matches(english))
        {
            pattern.Append(token.Value switch
            {
                "{{" => @"\{",
                "}}" => @"\}",
                var hole when token.Groups["index"].Success => $"(?<p{token.Groups["index"].Value}>.*?)",
                var text => Regex.Escape(text),
            });
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>
    /// A number the service formatted in English ("1,000", "62.5"), to be written again in the page's culture. Plain
    /// digits ("63016", a Twilio code; "2026") are left alone: they are codes as often as quantities.
    /// </summary>
    private static decimal? AsWrittenInEnglish(string part) =>
        EnglishFormattedNumber().IsMatch(part) && decimal.TryParse(part, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static int DecimalsOf(string part) => part.IndexOf('.') is var dot and >= 0 ? part.Length - dot - 1 : 0;

    [GeneratedRegex(@"^-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)$")]
    private static partial Regex EnglishFormattedNumber();

    [GeneratedRegex(@"\{\{|\}\}|\{(?<index>\d)\}|[^{}]+|[{}]")]
    private static partial Regex FormatToken();
}
