using System.Collections.Concurrent;

namespace Consultant.Grains.Analytics;

/// <summary>
/// The leads this silo saw recorded as <see cref="LeadStage.Engaged"/>: their next messages cannot add a stage
/// (<see cref="LeadStage.New"/> is recorded with any stage, and a stage is never removed), so
/// <see cref="LeadFunnel.LeadWroteAsync"/> skips its statement for them. A hint only, the table stays the truth: a
/// lead not here (a restarted silo, another silo's, one forgotten when the set was full) is asked about again.
/// </summary>
public sealed class EngagedLeads
{
    /// <summary>Beyond this many the set starts again (about 60 bytes each): memory stays bounded, the cost is one statement each.</summary>
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(Guid ConsultantId, string ContactPhone), bool> known = new();

    public bool Contains(Guid consultantId, string contactPhone) => known.ContainsKey((consultantId, contactPhone));

    public void Add(Guid consultantId, string contactPhone)
    {
        if (known.Count >= Capacity)
        {
            known.Clear();
        }

        known[(consultantId, contactPhone)] = true;
    }
}
