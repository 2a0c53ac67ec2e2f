using Consultant.Grains.Abstractions;

namespace Consultant.Grains.Settings;

/// <summary>The consultant grain's persisted state. Aliases pinned: stored JSON names these types.</summary>
[GenerateSerializer]
[Alias("Consultant.ConsultantState")]
public sealed class ConsultantState
{
    [Id(0)] public WhatsAppSettings? WhatsApp { get; set; }

    [Id(1)] public ConnectionTestResult? LastConnectionTest { get; set; }

    /// <summary>Null: the default in the account's language (<see cref="AssistantDefaults.PersonaFor"/>).</summary>
    [Id(2)] public string? Persona { get; set; }

    /// <summary>Null: the default in the account's language (<see cref="AssistantDefaults.AcquisitionScriptFor"/>).</summary>
    [Id(3)] public string? AcquisitionScript { get; set; }

    /// <summary>
    /// The consultant's own AI key, encrypted with <see cref="SecretProtector"/>; saved without any Twilio settings.
    /// (Kept in <see cref="WhatsAppSettings.ProtectedAiApiKey"/> before; moved here at activation.)
    /// </summary>
    [Id(4)] public string? ProtectedAiApiKey { get; set; }

    /// <summary>The key's last four characters, to show which key is saved.</summary>
    [Id(5)] public string? AiApiKeyHint { get; set; }

    /// <summary>Leads are answered with the own key instead of the shared pool. Off by default.</summary>
    [Id(6)] public bool AnswerLeadsWithOwnKey { get; set; }

    [Id(7)] public DateTimeOffset? AiUpdatedAt { get; set; }
}
