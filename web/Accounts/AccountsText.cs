namespace Consultant.Web.Accounts;

/// <summary>The texts of the account pages and menu; keys are the English texts, <c>AccountsText.it.resx</c> the Italian.</summary>
public sealed class AccountsText;
