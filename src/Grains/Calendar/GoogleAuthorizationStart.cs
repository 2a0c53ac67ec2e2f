namespace Consultant.Grains.Calendar;

/// <summary>What was kept for one sign-in at Google: what the callback needs to finish it.</summary>
public sealed record GoogleAuthorizationStart(string CodeVerifier, string RedirectUri);
