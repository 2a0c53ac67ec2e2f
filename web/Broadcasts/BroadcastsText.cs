namespace Consultant.Web.Broadcasts;

/// <summary>The texts of the Broadcasts page; keys are the English texts, <c>BroadcastsText.it.resx</c> the Italian.</summary>
public sealed class BroadcastsText;
