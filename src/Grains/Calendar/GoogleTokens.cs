namespace Consultant.Grains.Calendar;

/// <summary>A usable access token and when it stops working; <see cref="RefreshToken"/> only when Google sent one.</summary>
public sealed record GoogleTokens(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string? AccountEmail);
