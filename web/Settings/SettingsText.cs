namespace Consultant.Web.Settings;

/// <summary>The texts of the WhatsApp settings page; keys are the English texts, <c>SettingsText.it.resx</c> the Italian.</summary>
public sealed class SettingsText;
