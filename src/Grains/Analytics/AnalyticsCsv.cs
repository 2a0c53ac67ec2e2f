using System.Globalization;
using CsvHelper;

namespace Consultant.Grains.Analytics;

/// <summary>
/// How every analytics CSV is written: a header row with the API's field names, then one line per row of the chart,
/// numbers with a dot and an empty field for "none". The file name carries the period,
/// e.g. <c>lead-funnel-2026-03-01-to-2026-03-31.csv</c>.
/// </summary>
public static class AnalyticsCsv
{
    public static string FileName(string name, AnalyticsPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv");

    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field);
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    /// <summary>The whole file as text, for an HTTP answer.</summary>
    public static async Task<string> ToStringAsync(IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await WriteAsync(text, header, rows);
        return text.ToString();
    }

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
