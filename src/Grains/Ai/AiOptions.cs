using System.ComponentModel.DataAnnotations;

namespace Consultant.Grains.Ai;

public sealed class AiOptions
{
    public const string Section = "Ai";

    /// <summary>An OpenAI-compatible chat-completions endpoint; Gemini's by default.</summary>
    [Required]
    public Uri Endpoint { get; set; } = new("https://generativelanguage.googleapis.com/v1beta/openai/");

    [Required]
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Attempts per reply before the conversation is flagged for the consultant.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First back-off between attempts; doubles each time.</summary>
    [Range(0, 60)]
    public double RetryDelaySeconds { get; set; } = 2;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>How long a pool key rests after the provider answered 429.</summary>
    [Range(1, 86400)]
    public int KeyCooldownSeconds { get; set; } = 60;

    /// <summary>Pool-key calls a day for a consultant whose WhatsApp is not connected (the simulator on a fresh account); 0: none.</summary>
    [Range(0, 100_000)]
    public int PoolQuotaPerConsultantPerDay { get; set; } = 20;

    /// <summary>The longest answer one AI call may produce (Gemini 2.5 counts its thinking in it too).</summary>
    [Range(64, 65_536)]
    public int MaxOutputTokens { get; set; } = 2048;

    /// <summary>
    /// Rounds of tool calls (the booking tools) one reply may take; the call after the last round offers no tools, so
    /// the model has to answer in words.
    /// </summary>
    [Range(1, 10)]
    public int MaxToolRounds { get; set; } = 4;

    /// <summary>Chat clients kept for reuse, one per API key (least recently used dropped first).</summary>
    [Range(1, 100_000)]
    public int CachedClients { get; set; } = 256;

    /// <summary>What a million input (prompt) tokens cost, for the estimated AI cost per day; unset: no estimate.</summary>
    [Range(0, 1_000_000)]
    public decimal? InputPricePerMillion { get; set; }

    /// <summary>What a million output tokens cost (thinking included, as the provider counts it); unset: no estimate.</summary>
    [Range(0, 1_000_000)]
    public decimal? OutputPricePerMillion { get; set; }
}
