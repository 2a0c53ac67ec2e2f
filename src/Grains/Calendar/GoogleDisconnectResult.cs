namespace Consultant.Grains.Calendar;

/// <param name="RevokedAtGoogle">
/// False when Google could not be reached to revoke the permission: it is deleted here all the same; remove it in the
/// Google account (Security → Third-party access) to be sure.
/// </param>
public sealed record GoogleDisconnectResult(bool RevokedAtGoogle);
