using Consultant.Api.Auth;
using Consultant.Grains.Common;
using Consultant.Grains.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Consultant.Api.Inbox;

/// <summary>The consultant's approved WhatsApp templates (Twilio Content SIDs), for writing after the 24-hour window.</summary>
public static class TemplatesApi
{
    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/whatsapp/templates").WithTags(ApiTags.Inbox).RequireAuthorization(AuthSchemes.ApiPolicy);
        group.MapGet("/", List).WithName("ListTemplates").WithSummary("The consultant's templates, by name");
        group.MapPost("/", Add).WithName("AddTemplate").WithSummary("Adds an approved template (its Content SID and text)")
            .Produces<TemplateResponse>(StatusCodes.Status201Created).ProducesProblems(ProblemKind.Invalid);
        group.MapDelete("/{templateId:guid}", Delete).WithName("DeleteTemplate").WithSummary("Removes a template");
        return endpoints;
    }

    private static async Task<IReadOnlyList<TemplateResponse>> List(HttpContext http, MessageTemplates templates) =>
        (await templates.ListAsync(http.User.GetConsultantId())).Select(TemplateResponse.From).ToList();

    private static async Task<IResult> Add(TemplateRequest request, HttpContext http, MessageTemplates templates) =>
        (await templates.AddAsync(http.User.GetConsultantId(), request.Name, request.ContentSid, request.Body))
            .ToHttpResult(template => TypedResults.Created($"/api/whatsapp/templates/{template.Id}", TemplateResponse.From(template)));

    private static async Task<Results<NoContent, NotFound>> Delete(Guid templateId, HttpContext http, MessageTemplates templates) =>
        await templates.DeleteAsync(http.User.GetConsultantId(), templateId) ? TypedResults.NoContent() : TypedResults.NotFound();
}
