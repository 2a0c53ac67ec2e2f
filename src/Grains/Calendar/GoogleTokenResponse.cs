using System.Text.Json.Serialization;

namespace Consultant.Grains.Calendar;

/// <summary>The token endpoint's answer (code exchange or refresh), or its error (<c>error</c>, <c>error_description</c>).</summary>
public sealed record GoogleTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("error")] string? Error);
