namespace Consultant.Grains.Flows;

/// <summary>
/// One answer of a choice step. <see cref="Id"/>: the payload a tap sends back (stored as the answer's value);
/// <see cref="Labels"/>: its text per language code (it, en, es, fr; Italian required, the others fall back to it);
/// <see cref="Next"/>: the step it leads to, null to end the flow.
/// </summary>
public sealed record FlowOption(string Id, IReadOnlyDictionary<string, string> Labels, string? Next = null);
