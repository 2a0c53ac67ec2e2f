using Consultant.Grains.Flows;

namespace Consultant.Tests;

/// <summary>The Guided flows page shows the flow rules' refusals (and WhatsApp's limits inside them) in Italian.</summary>
public sealed partial class ServiceMessagesTests
{
    /// <summary>Exceptions' texts in those folders: for the log, never shown on a page.</summary>
    private static readonly string[] FlowExceptionTexts =
    [
        "A stored flow is empty.", "The flow text x is missing.", "The interactive text x is missing.",
        "Numbered text is not a Content resource.", "The question just recorded is gone.",
        "A flow's booking is answered in a batch.",
    ];

    [Test]
    public void Every_message_the_flow_and_interactive_rules_write_is_shown_in_Italian()
    {
        var messages = ServiceMessageTexts.InboxAndClients(["src/Grains/Flows", "src/Grains/Interactive"]).Except(FlowExceptionTexts).ToList();
        Assert.That(messages, Has.Count.GreaterThan(25), "the scan of the flow services' messages is broken");

        AssertAllItalian(messages);
    }

    [Test]
    public void A_refused_flow_is_italian_all_through_with_the_step_and_option_named()
    {
        static Dictionary<string, string> It(string text) => new() { ["it"] = text };
        var tooLong = new FlowDefinition(Guid.NewGuid(), "Prova", false, "goal",
        [
            new FlowStep("goal", FlowAnswerType.Choice, It("Obiettivo?"),
                [new FlowOption("a", It("Sì"), "email"), new FlowOption("b", It("Una risposta lunghissima davvero"), "email")]),
            new FlowStep("email", FlowAnswerType.Email, new Dictionary<string, string>()),
        ]);
        var fourButtons = tooLong with
        {
            Steps = [new FlowStep("goal", FlowAnswerType.Choice, It("Obiettivo?"), [.. "abcd".Select(c => new FlowOption(c.ToString(), It(c.ToString())))])],
        };

        var italian = InItalian(() => new[] { tooLong, fourButtons }
            .SelectMany(flow => FlowRules.Validate(flow).ToDictionary().SelectMany(pair => pair.Value))
            .Select(Translator().Translate)
            .ToList());

        Assert.That(italian, Does.Contain("Passo «goal» (it): Opzione 2 («Una risposta lunghissima davvero»): il testo ha 32 caratteri; un pulsante ne contiene al massimo 20."));
        Assert.That(italian, Does.Contain("Passo «email»: scrivi la domanda almeno in italiano."));
        Assert.That(italian, Does.Contain("Passo «goal»: 4 pulsanti; un messaggio WhatsApp ne contiene al massimo 3 (mostra le opzioni come elenco per averne fino a 10)."));
        Assert.That(italian.Where(message => message.Contains("Step", StringComparison.Ordinal) || message.Contains("Option", StringComparison.Ordinal)), Is.Empty);
    }
}
