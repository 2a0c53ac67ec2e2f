using Consultant.Grains.Accounts;
using Consultant.Grains.Ai;
using Consultant.Grains.Analytics;
using Consultant.Grains.Calendar;
using Consultant.Grains.Booking;
using Consultant.Grains.Booking.Chat;
using Consultant.Grains.Broadcasts;
using Consultant.Grains.Clients;
using Consultant.Grains.Common;
using Consultant.Grains.Conversations;
using Consultant.Grains.Demo;
using Consultant.Grains.Flows;
using Consultant.Grains.FollowUps;
using Consultant.Grains.Hooks;
using Consultant.Grains.Inbound;
using Consultant.Grains.Inbox;
using Consultant.Grains.Interactive;
using Consultant.Grains.Languages;
using Consultant.Grains.Media;
using Consultant.Grains.Messages;
using Consultant.Grains.Outbound;
using Consultant.Grains.Outbound.Pacing;
using Consultant.Grains.Realtime;
using Consultant.Grains.Replying;
using Consultant.Grains.Settings;
using Consultant.Grains.Storage;
using Consultant.Grains.Twilio;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Consultant.Grains;

public static class DomainServiceCollectionExtensions
{
    /// <summary>Repositories, domain services, the Twilio gateway and the shared Data Protection key ring.</summary>
    public static IServiceCollection AddConsultantDomain(this IServiceCollection services)
    {
        DapperTypeHandlers.Register();
        services.AddSingleton(TimeProvider.System);
        // Read when first needed, so test hosts can override configuration until the host is built.
        services.AddSingleton(provider => NpgsqlDataSource.Create(
            DatabaseConnection.FromConfiguration(provider.GetRequiredService<IConfiguration>())));
        services.AddOptions<SharedRoundTripOptions>().BindConfiguration(SharedRoundTripOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SharedRoundTrips>();

        services.AddDataProtection().SetApplicationName("consultant-whatsapp");
        services.AddKeyRingInPostgres();

        // The HTTP client factory's request logging (a scope and two Information lines a call, configured to Warning and
        // so never written) cost every AI and Twilio call its scope anyway; the product logs its own failures.
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<TwilioBaseUrlHandler>();
        services.AddHttpClient(TwilioGateway.HttpClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TwilioOptions>>().Value.TimeoutSeconds))
            .AddHttpMessageHandler<TwilioBaseUrlHandler>()
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<ITwilioGateway, TwilioGateway>();

        services.AddOptions<ReadCacheOptions>().BindConfiguration(ReadCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WhatsAppOptions>().BindConfiguration(WhatsAppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AcknowledgementOptions>().BindConfiguration(AcknowledgementOptions.Section);
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(OpenAiCompatibleChatGateway.HttpClientName, (provider, client) =>
            client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AiOptions>>().Value.TimeoutSeconds + 5));
        services.AddSingleton(provider => new AiClientCache(
            provider.GetRequiredService<IOptions<AiOptions>>().Value.CachedClients, AiClientCache.DefaultIdleLimit, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAiChatGateway, OpenAiCompatibleChatGateway>();
        services.AddSingleton<AiKeyPool>();
        services.AddSingleton<PoolQuota>();
        services.AddSingleton<PoolKeyService>();
        services.AddSingleton<KeyPoolUsageQuery>();
        services.AddSingleton<PoolKeyOutcomesQuery>();
        services.AddSingleton<KeyPoolAlerts>();
        services.AddSingleton<AiAnswerCheck>();
        services.AddSingleton<AiReplyGenerator>();
        services.AddSingleton<InboundMessageStore>();
        services.AddSingleton<ReplyLedger>();
        services.AddSingleton<DeliveryStatusStore>();
        services.AddSingleton<MessageQueries>();
        services.AddSingleton<ConversationRepository>();
        services.AddSingleton<ContactDirectory>();
        services.AddSingleton<ContactLinks>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<ConversationLanguages>();
        services.AddSingleton<ConversationTimeZones>();
        services.AddSingleton<OverviewQueries>();
        services.AddSingleton<IdempotentSends>();
        services.AddSingleton<MessageTemplates>();
        services.AddSingleton<OutboundSender>();
        services.AddSingleton<BatchReplier>();
        services.AddSingleton<BatchAnswering>();
        services.AddSingleton<DebounceSchedule>();
        services.AddSingleton<ConversationGrainServices>();
        services.AddSingleton<AnsweringLoop.Services>();
        services.AddSingleton<ConversationHooks>();
        services.AddSingleton<ConversationPublisher>();
        services.AddSingleton<ConsultantMessageSender>();
        services.AddSingleton<AutomatedMessageSender>();
        services.AddSingleton<DeliveryStatusUpdates>();
        services.AddSingleton<AwaitingAiKeyReplies>();
        services.AddSingleton<WhatsAppSenders>();
        services.AddSingleton<AuthTokenCache>();
        services.AddConsultantMedia();
        services.AddContactLanguages();
        services.AddLeadFunnel();
        services.AddDailyStats();
        services.AddGoogleCalendar();
        services.AddBooking();
        services.AddBookingCalendarFiles();
        services.AddBookingChat();
        services.AddInteractiveMessages();
        services.AddGuidedFlows();
        services.AddFollowUps();
        services.AddSenderPacing();
        services.AddBroadcasts();

        services.AddSingleton<ConsultantAccountRepository>();
        services.AddSingleton<AccountService>();
        services.AddOptions<ConsultantOptions>().BindConfiguration(ConsultantOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountSettingsRepository>();
        services.AddSingleton<AccountSettingsService>();
        services.AddSingleton<SignedOutSessions>();
        services.AddSingleton<WhatsAppNumberRegistry>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<WhatsAppSettingsService>();
        services.AddSingleton<ClientRepository>();
        services.AddSingleton<ClientRecordsRepository>();
        services.AddSingleton<ClientService>();
        services.AddSingleton<ClientRecordsService>();
        services.AddSingleton<ClientCsvImporter>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoHistorySeeder>();
        return services;
    }
}
