namespace Consultant.Grains.Calendar;

/// <summary>Where to send the browser to connect Google Calendar; it works once, until <see cref="ExpiresAt"/>.</summary>
/// <param name="RedirectUri">Where Google sends the browser back: the address to register in the OAuth client.</param>
public sealed record GoogleConsentLink(Uri AuthorizationUrl, string RedirectUri, DateTimeOffset ExpiresAt);
