namespace Consultant.Api.WhatsApp;

public sealed record MetadataRequest(IReadOnlyList<string>? Tags, string? Notes);
