namespace Consultant.Grains.Settings;

/// <summary>A key an administrator adds to the shared pool, as typed.</summary>
/// <param name="RequestsPerDay">Its daily quota (requests a day its provider allows); null: none.</param>
public sealed record PoolKeyInput(string? Label, string? ApiKey, int? RequestsPerDay);
