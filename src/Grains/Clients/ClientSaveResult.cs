using Consultant.Grains.Common;

namespace Consultant.Grains.Clients;

public sealed record ClientSaveResult(ClientSaveOutcome Outcome, Client? Client, ValidationErrors Errors);
