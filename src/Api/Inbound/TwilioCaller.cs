using Microsoft.AspNetCore.Http;

namespace Consultant.Api.Inbound;

/// <summary>A request from Twilio whose signature checked out, for the consultant owning <see cref="Number"/>; its form without NUL.</summary>
public sealed record TwilioCaller(Guid ConsultantId, string Number, IFormCollection Form);
