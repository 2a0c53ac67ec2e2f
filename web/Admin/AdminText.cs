namespace Consultant.Web.Admin;

/// <summary>The texts of the administrators' pages; keys are the English texts, <c>AdminText.it.resx</c> the Italian.</summary>
public sealed class AdminText;
