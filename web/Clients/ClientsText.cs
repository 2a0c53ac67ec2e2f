namespace Consultant.Web.Clients;

/// <summary>The texts of the client pages; keys are the English texts, <c>ClientsText.it.resx</c> the Italian.</summary>
public sealed class ClientsText;
