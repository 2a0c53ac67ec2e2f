using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbox;

/// <summary>The Idempotency-Key header of a consultant's send (text, template, attachment).</summary>
internal static class IdempotencyKeyHeader
{
    /// <summary>The header as sent; several values arrive joined by commas, which no valid key contains.</summary>
    public static string? Of(HttpRequest request) =>
        request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var values) ? values.ToString() : null;
}
