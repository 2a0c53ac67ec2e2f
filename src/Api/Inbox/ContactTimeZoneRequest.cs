namespace Consultant.Api.Inbox;

/// <param name="TimeZone">An IANA zone such as Europe/London; null: the zone of the contact's number again.</param>
public sealed record ContactTimeZoneRequest(string? TimeZone);
