using System.Reflection;
using System.Text;
using Consultant.Grains.Ai;
using Consultant.Grains.Common;
using Consultant.Grains.Media;
using Consultant.Grains.Outbound;
using Consultant.Grains.Replying;
using Consultant.Grains.Twilio;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// Every message the services can write for the dashboard, for <see cref="ServiceMessagesTests"/>: the sentences in
/// the Inbox and Clients sources (what is interpolated filled in), and every text of the classes that word the
/// stored reasons (needs reply, delivery, media), each method called with each kind of value it words differently.
/// </summary>
internal static partial class ServiceMessageTexts
{
    private const string Sample = "x";

    /// <summary>The classes whose texts are stored and shown: their constants and the results of their methods.</summary>
    private static readonly Type[] ReasonTexts =
        [typeof(TwilioErrorText), typeof(AiProblemText), typeof(SendProblemText), typeof(NoReplyReasons), typeof(MediaProblemText),
         typeof(Consultant.Grains.Booking.ContactNotice), typeof(Consultant.Grains.Broadcasts.CancelledRetryReason)];

    public static IEnumerable<string> StoredReasons()
    {
        foreach (var type in ReasonTexts)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)))
            {
                yield return (string)field.GetValue(null)!;
            }

            var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(string) && !m.Name.EndsWith("ForLog", StringComparison.Ordinal));
            foreach (var method in methods)
            {
                foreach (var arguments in Combinations(method.GetParameters()))
                {
                    yield return (string)method.Invoke(null, arguments)!;
                }
            }
        }

        yield return PoolQuota.Exhausted(20);
        yield return PhoneNumberNormalizer.FormatHintFor("IT");
        foreach (var field in FieldLabels.Fields.Append("someField"))
        {
            foreach (var message in FieldMessages(field))
            {
                yield return message;
            }
        }
    }

    /// <summary>What <see cref="InputLimits"/> writes about a field, in words of its label.</summary>
    private static IEnumerable<string> FieldMessages(string field)
    {
        var errors = new ValidationErrors();
        errors.CheckLength(field, new string('x', 20), 10);
        errors.CheckRange(field, 20, 0, 10);
        errors.CheckAmount(field, -1);
        errors.CheckAmount(field, InputLimits.MoneyCeiling);
        return errors.ToDictionary().SelectMany(pair => pair.Value)
            .Append($"{FieldLabels.Of(field)} is required.");
    }

    /// <summary>Each argument list a method words differently: every known code, each kind of file, both switches.</summary>
    private static IEnumerable<object[]> Combinations(ParameterInfo[] parameters)
    {
        IEnumerable<object[]> lists = [[]];
        foreach (var parameter in parameters)
        {
            var values = ValuesFor(parameter).ToList();
            lists = lists.SelectMany(list => values.Select(value => list.Append(value).ToArray()));
        }

        return lists;
    }

    private static IEnumerable<object> ValuesFor(ParameterInfo parameter) => (parameter.ParameterType, parameter.Name) switch
    {
        (var t, "code") when t == typeof(int) => TwilioErrorText.KnownCodes.Append(99999).Cast<object>(),
        (var t, "httpStatus" or "status") when t == typeof(int) => [400, 503, 0],
        (var t, _) when t == typeof(int) => [3],
        (var t, _) when t == typeof(int?) => [131049, 63018, null!], // a marketing limit, a rate limit, none
        (var t, _) when t == typeof(long) => [20L * 1024 * 1024, 16L * 1024 * 1024],
        (var t, _) when t == typeof(bool) => [true, false],
        (var t, "claimed") when t == typeof(string) => [MediaKind.Image, MediaKind.Pdf, MediaKind.Audio],
        (var t, _) when t == typeof(string) => [Sample],
        var (t, name) => throw new InvalidOperationException($"No sample values for {t.Name} {name}"),
    };

    /// <summary>The sentences written in the C# files of <paramref name="folders"/>, interpolations filled in.</summary>
    public static IEnumerable<string> InboxAndClients(IEnumerable<string> folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs"))
            .SelectMany(file => Literals(File.ReadAllText(file)))
            .Where(IsSentence)
            .Distinct();

    /// <summary>A message, not SQL, a log template, a column list or an example row.</summary>
    private static bool IsSentence(string text) =>
        text.Length > 12 && text.Contains(' ') && text.TrimEnd().EndsWith('.') && (char.IsUpper(text[0]) || text[0] is '\'' || text.StartsWith(Sample))
        && !LogPlaceholder().IsMatch(text) && !text.Contains('@') && !text.Contains("SELECT", StringComparison.Ordinal) && !text.Contains('\n');

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[A-Z]")]
    private static partial System.Text.RegularExpressions.Regex LogPlaceholder();

    /// <summary>
    /// The string literals of a C# source, adjacent ones joined when written "a" + "b"; an interpolated literal's holes
    /// become <see cref="Sample"/> (both branches of a hole are not followed: write such messages whole).
    /// </summary>
    private static IEnumerable<string> Literals(string source)
    {
        var literals = new List<(int Start, int End, string Text)>();
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                i = source.IndexOf('\n', i) is var end and >= 0 ? end : source.Length; // a comment
                continue;
            }

            if (source[i] != '"')
            {
                continue;
            }

            if (source.AsSpan(i).StartsWith("\"\"\""))
            {
                var close = source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                i = close < 0 ? source.Length : close + 2; // a raw literal: SQL or a prompt
                continue;
            }

            var interpolated = i > 0 && source[i - 1] == '$';
            var (text, endIndex) = Read(source, i + 1, interpolated);
            literals.Add((interpolated ? i - 1 : i, endIndex, text));
            i = endIndex;
        }

        for (var k = 0; k < literals.Count; k++)
        {
            var text = literals[k].Text;
            while (k + 1 < literals.Count && source[(literals[k].End + 1)..literals[k + 1].Start].Trim() == "+")
            {
                text += literals[++k].Text;
            }

            yield return text;
        }
    }

    /// <summary>Reads a literal's text from after its opening quote; returns it and the index of its closing quote.</summary>
    private static (string Text, int End) Read(string source, int start, bool interpolated)
    {
        var text = new StringBuilder();
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\')
            {
                text.Append(source[++i] switch { 'n' => '\n', 't' => '\t', var escaped => escaped });
            }
            else if (c == '"')
            {
                return (text.ToString(), i);
            }
            else if (interpolated && c == '{' && source[i + 1] == '{')
            {
                text.Append('{');
                i++;
            }
            else if (interpolated && c == '}' && source[i + 1] == '}')
            {
                text.Append('}');
                i++;
            }
            else if (interpolated && c == '{')
            {
                i = EndOfHole(source, i + 1);
                text.Append(Sample);
            }
            else
            {
                text.Append(c);
            }
        }

        return (text.ToString(), source.Length);
    }

    /// <summary>The index of the brace closing a hole, past any strings and braces inside it.</summary>
    private static int EndOfHole(string source, int i)
    {
        for (var depth = 1; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '"':
                    i = Read(source, i + 1, source[i - 1] == '$').End;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }

        return i;
    }
}
