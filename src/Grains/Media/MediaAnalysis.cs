namespace Consultant.Grains.Media;

/// <summary>What analysis found: <see cref="Kind"/> (meal, bank_statement, voice_note...), a summary and details.</summary>
public sealed record MediaAnalysis(string Kind, string Summary, string? Details, string? Text);
