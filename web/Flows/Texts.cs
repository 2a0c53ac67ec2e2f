using Consultant.Grains.Languages;

namespace Consultant.Web.Flows;

/// <summary>Texts per language as the editor holds them: every language present, the empty ones left out when saved.</summary>
internal static class Texts
{
    public static Dictionary<string, string> Empty() => ContactLanguage.All.ToDictionary(l => l.Code, _ => string.Empty);

    public static Dictionary<string, string> From(IReadOnlyDictionary<string, string>? texts)
    {
        var all = Empty();
        foreach (var (code, text) in texts ?? new Dictionary<string, string>())
        {
            all[code] = text;
        }

        return all;
    }

    public static IReadOnlyDictionary<string, string> Written(Dictionary<string, string> texts) =>
        texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value.Trim());
}
