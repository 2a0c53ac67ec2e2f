using Consultant.Grains.Ai;

namespace Consultant.Grains.Analytics;

/// <summary>The configured AI prices (<c>Ai:InputPricePerMillion</c>, <c>Ai:OutputPricePerMillion</c>); a cost is estimated only when both are set.</summary>
internal sealed record AiPrices(decimal? InputPerMillion, decimal? OutputPerMillion)
{
    public static AiPrices From(AiOptions options) => new(options.InputPricePerMillion, options.OutputPricePerMillion);

    /// <summary>The cost of these tokens, to 1/10,000 of the currency; null without both prices.</summary>
    public decimal? CostOf(long tokensIn, long tokensOut) =>
        InputPerMillion is { } input && OutputPerMillion is { } output
            ? Math.Round((tokensIn * input + tokensOut * output) / 1_000_000m, 4, MidpointRounding.AwayFromZero)
            : null;
}
