using Consultant.Grains.Abstractions;
using Consultant.Grains.Common;

namespace Consultant.Grains.Settings;

public sealed record SaveSettingsResult(SaveSettingsOutcome Outcome, WhatsAppConfigView? Config, ValidationErrors Errors);
