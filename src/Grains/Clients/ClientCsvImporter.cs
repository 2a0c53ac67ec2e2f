using System.Globalization;
using CsvHelper;
using Consultant.Grains.Accounts;
using CsvHelper.Configuration;

namespace Consultant.Grains.Clients;

/// <summary>
/// Imports clients from CSV with a header row (name, phone, email, language, goals). Each row is validated like a
/// hand-entered client; bad rows are reported by their line number and the good ones are kept.
/// </summary>
public sealed class ClientCsvImporter(ClientService clients, AccountSettingsService accountSettings)
{
    public const int MaxRows = 5000;

    /// <summary>The columns read, in the order the example file has them; the others in a file are ignored.</summary>
    public static readonly IReadOnlyList<string> KnownColumns = ["name", "phone", "email", "language", "goals"];

    public static readonly IReadOnlyList<string> RequiredColumns = ["name", "phone"];

    /// <summary>
    /// A file that imports as it is (fictional people and numbers, one with the optional columns left empty), offered
    /// as the example to download: its header is exactly <see cref="KnownColumns"/>.
    /// </summary>
    public static readonly string ExampleCsv =
        string.Join(",", KnownColumns) + "\n" +
        "Maria Lopez,+34 612 345 678,maria@example.com,es,Lose 5 kg before the summer\n" +
        "Tom Baker,+61 412 345 678,tom@example.com,en,\"Save 20,000 AUD for a house deposit\"\n" +
        "Giulia Verdi,+39 351 234 5678,,it,\n";

    public async Task<ClientImportReport> ImportAsync(Guid consultantId, TextReader csv)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            DetectDelimiter = true,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new CsvReader(csv, configuration);
        var errors = new List<ImportRowError>();

        if (!await reader.ReadAsync() || !reader.ReadHeader() || reader.HeaderRecord is not { } header)
        {
            return ClientImportReport.Refusal($"The file is empty; the first line must name the columns: {string.Join(",", KnownColumns)}.");
        }

        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        var missing = RequiredColumns.Where(c => !columns.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            var (names, expected) = (string.Join(", ", missing), string.Join(",", KnownColumns));
            return ClientImportReport.Refusal(missing.Count == 1
                ? $"Missing column: {names}. Expected columns: {expected}."
                : $"Missing columns: {names}. Expected columns: {expected}.");
        }

        var defaultCountry = await accountSettings.GetDefaultCountryAsync(consultantId); // for phones without "+"
        var imported = 0;
        var failed = 0;
        while (await reader.ReadAsync())
        {
            var row = reader.Parser.Row;
            if (imported + failed >= MaxRows)
            {
                errors.Add(new ImportRowError(row, "file", $"Only {MaxRows} rows are imported at once; this row and the rest were skipped."));
                break;
            }

            var input = new ClientInput(Field(reader, "name"), Field(reader, "phone"), Field(reader, "email"),
                Field(reader, "language"), Field(reader, "goals"));
            if (input is { Name: null or "", Phone: null or "", Email: null or "" })
            {
                continue; // a blank line
            }

            var result = await clients.CreateAsync(consultantId, input, defaultCountry);
            if (result.Succeeded)
            {
                imported++;
                continue;
            }

            failed++;
            foreach (var (field, messages) in result.Errors.ToDictionary())
            {
                errors.AddRange(messages.Select(message => new ImportRowError(row, field, message)));
            }
        }

        return new ClientImportReport(imported, failed, errors);
    }

    private static string? Field(CsvReader reader, string name) =>
        reader.TryGetField<string>(name, out var value) ? value : null;
}
