using Consultant.Grains.Common;

namespace Consultant.Grains.Clients;

public sealed record RecordResult(RecordOutcome Outcome, ValidationErrors Errors, Guid? Id = null);
