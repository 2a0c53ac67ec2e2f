namespace Consultant.Grains.Broadcasts;

/// <summary>Who a broadcast goes to: <c>all</c>, <c>clients</c> or <c>leads</c>, and when tags are given, contacts with any of them.</summary>
public sealed record BroadcastAudience(string Group, IReadOnlyList<string> Tags)
{
    public const string All = "all";
    public const string Clients = "clients";
    public const string Leads = "leads";

    public static readonly IReadOnlyList<string> Groups = [All, Clients, Leads];
}
