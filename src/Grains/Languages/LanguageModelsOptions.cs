namespace Consultant.Grains.Languages;

/// <summary>Section <c>Languages</c>.</summary>
public sealed class LanguageModelsOptions
{
    public const string Section = "Languages";

    /// <summary>
    /// True (the default): the silo loads the language models as it starts (<see cref="LanguageModelsPreload"/>), so no
    /// message waits for them. False: the first message long enough to be read loads them, and every request in flight
    /// waits seconds for it. The test hosts say false: dozens of hosts start in one test process beside browsers on two
    /// cores, and the load at each start made a browser test's click go unanswered (bench/NOTES.md, session 21).
    /// </summary>
    public bool PreloadModels { get; set; } = true;
}
