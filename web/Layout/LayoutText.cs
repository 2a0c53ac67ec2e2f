namespace Consultant.Web.Layout;

/// <summary>
/// The texts of the layout (app bar, menus). Keys are the English texts, so English needs no translation file entry;
/// <c>LayoutText.it.resx</c> holds the Italian ones (a test checks that every key used has one).
/// </summary>
public sealed class LayoutText;
