using System.Text;
using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Analytics;

/// <summary>An analytics CSV as an HTTP download: <c>text/csv</c> in UTF-8, named with its period.</summary>
internal static class CsvFile
{
    public static IResult Of(string text, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);
}
