namespace Consultant.Grains.Clients;

/// <param name="Refused">The file as a whole was refused (empty, or a required column missing): no row was read, and
/// <paramref name="Errors"/> says why.</param>
public sealed record ClientImportReport(int Imported, int Failed, IReadOnlyList<ImportRowError> Errors, bool Refused = false)
{
    public static ClientImportReport Refusal(string message) => new(0, 0, [new ImportRowError(1, "header", message)], Refused: true);
}
