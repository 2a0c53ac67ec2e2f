namespace Consultant.Web.Broadcasts;

/// <summary>
/// The texts of the Broadcasts page; keys are the English texts, <c>BroadcastsText.it.resx</c> the Italian. One
/// recipient's status, whose English is the counters' word ("Failed") but whose Italian is singular, has a key of its
/// own ("Failed (one recipient)") with its English in <c>BroadcastsText.resx</c>.
/// </summary>
public sealed class BroadcastsText;
