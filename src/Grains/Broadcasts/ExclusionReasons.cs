namespace Consultant.Grains.Broadcasts;

/// <summary>Why a contact of the audience does not get a broadcast: a code for the API and the words for people.</summary>
public static class ExclusionReasons
{
    public const string OptedOut = "opted_out";
    public const string StoppedMarketing = "stopped_marketing";
    public const string OutsideWindow = "outside_window";
    public const string NoAddress = "no_address";
    public const string Simulator = "simulator";
    public const string NoName = "no_name";

    public static string Text(string code) => code switch
    {
        OptedOut => "Opted out: they wrote STOP.",
        StoppedMarketing => "They stopped marketing messages on WhatsApp (error 131050).",
        OutsideWindow => "Outside the 24-hour window: a free-text broadcast goes only to contacts who wrote in the last 24 hours; use an approved template to reach them.",
        NoAddress => "No valid WhatsApp number.",
        Simulator => "A simulator conversation: broadcasts go only to WhatsApp contacts.",
        NoName => "No name known, and a variable of the template is only {name}: WhatsApp refuses an empty variable. Add their name, or give the variable more words.",
        _ => code,
    };
}
