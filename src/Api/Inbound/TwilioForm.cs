using System.Text;
using Consultant.Grains.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Consultant.Api.Inbound;

/// <summary>
/// Reads the form of a Twilio callback within tight limits, before anything else is looked at: these endpoints take
/// requests from anyone. Twilio's own forms are a few KB with a few dozen fields. Oversize: 413; not a form, too many
/// or too long fields: 400 (Twilio never sends those). The limits are checked here, on the bytes read, so they hold
/// on any server; Kestrel is also told the body limit so it stops reading early.
/// </summary>
public static class TwilioForm
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxFields = 200;
    public const int MaxKeyLength = 256;
    public const int MaxValueLength = 16 * 1024;

    /// <summary>Endpoint metadata: the server refuses a larger body while reading it.</summary>
    public static IRequestSizeLimitMetadata BodyLimit { get; } = new SizeLimit();

    public static async Task<(IFormCollection? Form, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Expected Twilio's form post"));
        }

        if (request.ContentLength > MaxBodyBytes || await ReadCappedAsync(request, cancellationToken) is not { } body)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: $"A Twilio callback is at most {MaxBodyBytes / 1024} KB."));
        }

        try
        {
            using var reader = new FormReader(body, Encoding.UTF8)
            {
                ValueCountLimit = MaxFields,
                KeyLengthLimit = MaxKeyLength,
                ValueLengthLimit = MaxValueLength,
            };
            return (new FormCollection(await reader.ReadFormAsync(cancellationToken)), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed form", detail: ex.Message));
        }
    }

    /// <summary>
    /// The values without NUL, which PostgreSQL cannot store. Only after the signature was checked on the raw values:
    /// the message is kept (Twilio does not retry a 4xx, so refusing it would lose it).
    /// </summary>
    public static IFormCollection WithoutNul(IFormCollection form) => new FormCollection(form.ToDictionary(
        field => field.Key,
        field => new StringValues(field.Value.Select(DatabaseText.Clean).ToArray()),
        StringComparer.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is longer than <see cref="MaxBodyBytes"/> (a chunked body has no Content-Length).</summary>
    private static async Task<MemoryStream?> ReadCappedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null; // Kestrel enforcing BodyLimit
        }

        body.Position = 0;
        return body;
    }

    private sealed class SizeLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => MaxBodyBytes;
    }
}
