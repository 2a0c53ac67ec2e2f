using System.Text;
using Consultant.Api.Auth;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Consultant.Api.Clients;

/// <summary>CSV import: a multipart upload (field "file") or a text/csv body; and the example file.</summary>
internal static class ClientImportEndpoint
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static async Task<IResult> Import(
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
                return Problem.Invalid("file", "Send the CSV file in the form field \"file\", or post it as a text/csv body.", "No file").ToHttpResult();
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

    /// <summary>The example file the dashboard offers: the columns the importer reads, with rows that import as they are.</summary>
    public static FileContentHttpResult Example() =>
        TypedResults.File(Encoding.UTF8.GetBytes(ClientCsvImporter.ExampleCsv), "text/csv; charset=utf-8", "clients-example.csv");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
            detail: $"Import at most {MaxBytes / (1024 * 1024)} MB at once; split the file.");
}
