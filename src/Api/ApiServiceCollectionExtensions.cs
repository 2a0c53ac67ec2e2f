using System.Text.Json;
using System.Text.Json.Serialization;
using Consultant.Api.Accounts;
using Consultant.Api.Admin;
using Consultant.Api.Analytics;
using Consultant.Api.Auth;
using Consultant.Api.Calendar;
using Consultant.Api.Booking;
using Consultant.Api.Broadcasts;
using Consultant.Api.Clients;
using Consultant.Api.Flows;
using Consultant.Api.FollowUps;
using Consultant.Api.Inbound;
using Consultant.Api.Inbox;
using Consultant.Api.Realtime;
using Consultant.Api.Settings;
using Consultant.Api.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Consultant.Api;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddConsultantApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi(); // the document at /openapi/v1.json
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true); // answered by the handler above
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddConsultantAuthentication();
        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<DashboardEventRelay>();
        services.AddHostedService(provider => provider.GetRequiredService<DashboardEventRelay>());
        return services;
    }

    public static IEndpointRouteBuilder MapConsultantApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuthApi();
        endpoints.MapWhatsAppSettingsApi();
        endpoints.MapWhatsAppWebhookApi();
        endpoints.MapWhatsAppStatusCallbackApi();
        endpoints.MapAiKeysApi();
        endpoints.MapClientsApi();
        endpoints.MapConversationsApi();
        endpoints.MapTemplatesApi();
        endpoints.MapMediaApi();
        endpoints.MapSimulatorApi();
        endpoints.MapAccountSettingsApi();
        endpoints.MapOverviewApi();
        endpoints.MapLeadFunnelApi();
        endpoints.MapAutomationRepliesApi();
        endpoints.MapDailyStatsApi();
        endpoints.MapDailyStatsAdminApi();
        endpoints.MapGoogleCalendarConnectionApi();
        endpoints.MapAvailabilityApi();
        endpoints.MapBookingsApi();
        endpoints.MapBookingCalendarApi();
        endpoints.MapFlowsApi();
        endpoints.MapBroadcastsApi();
        endpoints.MapFollowUpsApi();
        endpoints.MapHub<WhatsAppHub>(WhatsAppHub.Path);
        endpoints.MapOpenApi().AllowAnonymous(); // what the API offers; it holds no data
        return endpoints;
    }
}
