using System.Text.RegularExpressions;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// Every text a page shows goes through <c>L["..."]</c>: markup text and the text attributes of its components
/// (Label, HelperText, Placeholder, title…) written as plain English would stay English on an Italian dashboard.
/// Names that are the same in every language (brands, languages in their own name, units) are listed here.
/// </summary>
public sealed partial class DashboardHardCodedTextTests
{
    private static readonly string WebRoot = Path.Combine(RepositoryPaths.Root, "web");

    /// <summary>Written the same in Italian and English.</summary>
    private static readonly HashSet<string> SameInEveryLanguage =
        ["WhatsApp", "Orleans Dashboard", "Italiano", "English", "kg", "WhatsApp:PublicBaseUrl"];

    [Test]
    public void No_page_shows_a_text_written_outside_its_translations()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(WebRoot, "*.razor", SearchOption.AllDirectories))
        {
            var markup = MarkupOf(File.ReadAllText(file));
            var texts = TextNode().Matches(markup).Select(match => match.Groups["text"].Value)
                .Concat(TextAttribute().Matches(markup).Select(match => match.Groups["text"].Value))
                .Select(text => Expression().Replace(text, "").Trim())
                .Where(text => Words().IsMatch(text) && !text.StartsWith('@') && !SameInEveryLanguage.Contains(text));
            found.AddRange(texts.Select(text => $"{Path.GetRelativePath(WebRoot, file)}: \"{text}\""));
        }

        Assert.That(found, Is.Empty, "not translated (use L[\"...\"]):" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    /// <summary>The markup only: without Razor comments, the @code block, and the directives (@inject, @using…).</summary>
    private static string MarkupOf(string razor)
    {
        var withoutComments = Comment().Replace(razor, "");
        var code = withoutComments.IndexOf("@code", StringComparison.Ordinal);
        var markup = code < 0 ? withoutComments : withoutComments[..code];
        return Directive().Replace(markup, "");
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^@(inject|using|page|attribute|implements|inherits|layout|rendermode|namespace)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    /// <summary>Text between two tags, without any C# in it (an expression or a statement is not text).</summary>
    [GeneratedRegex(@">(?<text>[^<>@{};=]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b(?:Label|HelperText|Placeholder|Title|title|alt|aria-label|SubmitText|Hint|Text)=""(?<text>[^""@][^""]*)""")]
    private static partial Regex TextAttribute();

    [GeneratedRegex(@"@\([^)]*\)|@[\w.]+")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
