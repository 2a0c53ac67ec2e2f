namespace Consultant.Grains.Clients;

public sealed record ClientImportReport(int Imported, int Failed, IReadOnlyList<ImportRowError> Errors);
