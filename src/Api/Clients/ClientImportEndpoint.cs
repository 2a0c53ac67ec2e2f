using System.Text;
using Consultant.Api.Auth;
using Consultant.Grains.Clients;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Consultant.Api.Clients;

/// <summary>CSV import: a multipart upload (field "file") or a text/csv body.</summary>
internal static class ClientImportEndpoint
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static async Task<Results<Ok<ClientImportReport>, ProblemHttpResult>> Import(
        HttpRequest request, ClientCsvImporter importer, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        Stream csv;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No file",
                    detail: "Send the CSV file in the form field \"file\", or post it as a text/csv body.");
            }

            if (file.Length > MaxBytes)
            {
                return TooLarge();
            }

            csv = file.OpenReadStream();
        }
        else
        {
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxBytes)
            {
                return TooLarge();
            }

            buffer.Position = 0;
            csv = buffer;
        }

        await using (csv)
        {
            using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return TypedResults.Ok(await importer.ImportAsync(request.HttpContext.User.GetConsultantId(), reader));
        }
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
            detail: $"Import at most {MaxBytes / (1024 * 1024)} MB at once; split the file.");
}
