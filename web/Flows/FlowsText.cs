namespace Consultant.Web.Flows;

/// <summary>The texts of the Guided flows page and the conversation's flow panel; keys are the English texts, <c>FlowsText.it.resx</c> the Italian.</summary>
public sealed class FlowsText;
