namespace Consultant.Tests;

/// <summary>Issue 20's acknowledgement levers as a test host's settings (<c>Consultant.Grains.Conversations.AcknowledgementOptions</c>).</summary>
public static class AcknowledgementLevers
{
    public const string ListRowAfterAcknowledgement = "Acknowledgement:ListRowAfterAcknowledgement";
    public const string MessagesTableIsTheBuffer = "Acknowledgement:MessagesTableIsTheBuffer";

    /// <summary>Sets both levers in <paramref name="settings"/> and returns it.</summary>
    public static Dictionary<string, string> Apply(Dictionary<string, string> settings, bool listRowAfter, bool tableIsTheBuffer)
    {
        settings[ListRowAfterAcknowledgement] = listRowAfter ? "true" : "false";
        settings[MessagesTableIsTheBuffer] = tableIsTheBuffer ? "true" : "false";
        return settings;
    }
}
