using System.Text.RegularExpressions;
using System.Xml.Linq;
using Consultant.TestSupport;

namespace Consultant.Tests;

/// <summary>
/// The dashboard's texts are keyed by their English wording (<c>L["Send"]</c>); each folder's <c>*Text.it.resx</c>
/// holds the Italian. A text without its Italian, with other placeholders, or a translation nothing uses any more,
/// fails here rather than showing English on an Italian dashboard.
/// </summary>
public sealed partial class DashboardTranslationsTests
{
    private static readonly string WebRoot = Path.Combine(RepositoryPaths.Root, "web");

    [Test]
    public void Every_text_the_dashboard_shows_has_its_Italian_translation()
    {
        var uses = TextUses().ToList();
        Assert.That(uses, Is.Not.Empty, "no L[\"...\"] found in web: the scan is broken");

        var problems = new List<string>();
        foreach (var use in uses)
        {
            var italian = Translations(use.Resource);
            if (!italian.TryGetValue(use.Key, out var translation) || string.IsNullOrWhiteSpace(translation))
            {
                problems.Add($"{use.File}: \"{use.Key}\" has no Italian in {use.Resource}.it.resx");
            }
            else if (!Placeholders(use.Key).SetEquals(Placeholders(translation)))
            {
                problems.Add($"{use.File}: \"{use.Key}\" and its Italian \"{translation}\" have different placeholders");
            }
        }

        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
    }

    [Test]
    public void Every_Italian_translation_is_still_used()
    {
        var used = TextUses().Select(use => (use.Resource, use.Key)).ToHashSet();
        var stale = ResourceFiles()
            .SelectMany(file => Translations(ResourceName(file)).Keys.Select(key => (Resource: ResourceName(file), Key: key)))
            .Where(entry => !used.Contains(entry))
            .Select(entry => $"{entry.Resource}.it.resx: \"{entry.Key}\"")
            .ToList();

        Assert.That(stale, Is.Empty, string.Join(Environment.NewLine, stale));
    }

    [Test]
    public void Every_Italian_file_has_its_neutral_file_and_its_class()
    {
        foreach (var file in ResourceFiles())
        {
            var folder = Path.GetDirectoryName(file)!;
            var name = ResourceName(file);
            Assert.That(File.Exists(Path.Combine(folder, name + ".resx")), $"{name}.resx is missing beside {file}");
            Assert.That(File.Exists(Path.Combine(folder, name + ".cs")), $"{name}.cs (the class IStringLocalizer<{name}> names) is missing beside {file}");
        }
    }

    private sealed record TextUse(string File, string Resource, string Key);

    private static IEnumerable<TextUse> TextUses()
    {
        foreach (var file in WebSources())
        {
            var text = File.ReadAllText(file);
            var keys = TextKey().Matches(text).Select(match => Regex.Unescape(match.Groups["key"].Value)).ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            var resource = LocalizerIn(text) ?? ImportedLocalizer(Path.GetDirectoryName(file)!)
                ?? throw new AssertionException($"{file} uses L[...] but no IStringLocalizer<...> L is injected for it");
            foreach (var key in keys)
            {
                yield return new TextUse(Path.GetRelativePath(WebRoot, file), resource, key);
            }
        }
    }

    private static IEnumerable<string> WebSources() =>
        Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".razor", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .Where(file => !IsBuildOutput(file));

    private static IEnumerable<string> ResourceFiles() =>
        Directory.EnumerateFiles(WebRoot, "*.it.resx", SearchOption.AllDirectories).Where(file => !IsBuildOutput(file));

    private static bool IsBuildOutput(string file)
    {
        var relative = Path.GetRelativePath(WebRoot, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }

    private static string ResourceName(string italianFile) => Path.GetFileName(italianFile)[..^".it.resx".Length];

    /// <summary>The nearest folder's <c>_Imports.razor</c> that injects a localizer named L.</summary>
    private static string? ImportedLocalizer(string folder)
    {
        for (var directory = new DirectoryInfo(folder); directory is not null && directory.FullName.StartsWith(WebRoot, StringComparison.Ordinal); directory = directory.Parent)
        {
            var imports = Path.Combine(directory.FullName, "_Imports.razor");
            if (File.Exists(imports) && LocalizerIn(File.ReadAllText(imports)) is { } resource)
            {
                return resource;
            }
        }

        return null;
    }

    private static string? LocalizerIn(string source) => Localizer().Match(source) is { Success: true } match ? match.Groups["type"].Value : null;

    private static Dictionary<string, string> Translations(string resource)
    {
        var file = ResourceFiles().SingleOrDefault(path => ResourceName(path) == resource)
            ?? throw new AssertionException($"{resource}.it.resx not found under web");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? "");
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(match => match.Value)];

    [GeneratedRegex("""\bL\["(?<key>(?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex TextKey();

    [GeneratedRegex(@"IStringLocalizer<(?<type>\w+)>\s+L\b")]
    private static partial Regex Localizer();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
