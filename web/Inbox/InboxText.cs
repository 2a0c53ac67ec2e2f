namespace Consultant.Web.Inbox;

/// <summary>
/// The texts of the Conversations page and its components. Keys are the English texts, so English needs no translation
/// file entry; <c>InboxText.it.resx</c> holds the Italian ones (a test checks that every key used has one).
/// </summary>
public sealed class InboxText;
