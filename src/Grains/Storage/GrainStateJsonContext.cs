using System.Text.Json.Serialization;
using Consultant.Grains.Conversations;
using Consultant.Grains.Inbound;
using Consultant.Grains.Settings;

namespace Consultant.Grains.Storage;

/// <summary>
/// System.Text.Json metadata for every persisted grain state, generated at build time (no reflection per write).
/// Read-only properties (<see cref="ConversationState.HasWork"/>) are derived, not stored. A state type missing here
/// fails its first write in this format, and <c>GrainStateSerializerTests</c> before that.
/// </summary>
[JsonSourceGenerationOptions(IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(ConsultantState))]
[JsonSerializable(typeof(PollerState))]
internal sealed partial class GrainStateJsonContext : JsonSerializerContext;
