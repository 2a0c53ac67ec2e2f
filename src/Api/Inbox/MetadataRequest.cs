namespace Consultant.Api.Inbox;

public sealed record MetadataRequest(IReadOnlyList<string>? Tags, string? Notes);
