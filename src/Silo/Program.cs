using Consultant.Api;
using Consultant.Grains;
using Consultant.Silo;
using Consultant.Web;
using Consultant.Web.Localization;

var builder = WebApplication.CreateBuilder(args);
if (AdminCommand.IsRequested(args))
{
    // `Consultant.Silo --grant-admin|--revoke-admin|--set-password someone@example.com`: the operator's switches; they act and exit.
    Environment.ExitCode = await AdminCommand.RunAsync(args, builder.Configuration);
    return;
}

builder.WebHost.UseStaticWebAssets();
ListenAddress.UseDefaultWhenUnset(builder);

// First: the key ring, the Orleans providers and the demo seed all need the schema in place.
builder.Services.AddHostedService<DatabaseStartup>();
builder.Services.AddConsultantDomain();
builder.Services.AddConsultantApi();
builder.Services.AddConsultantDashboard();
builder.Services.AddHttpHardening();
if (builder.Environment.IsDevelopment())
{
    // Tests and local runs see what broke a dashboard page in the browser's console.
    builder.Services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(options => options.DetailedErrors = true);
}
builder.UseOrleans(OrleansSetup.ConfigureSilo);
builder.AddShutdownDeadline();
builder.Services.AddHostedService<UnansweredConversationsRecovery>(); // after the silo: it calls grains
builder.Services.AddHostedService<WhatsAppNumberBackfill>(); // likewise
builder.Services.AddStartUpSteps(); // likewise: the demo's data, the cluster's reminders

var app = builder.Build();
app.UseShutdownDeadline();

app.UseHttpHardening(); // first: forwarded headers from known proxies, HSTS, no framing of pages
app.UseExceptionHandler();
app.UseDashboardStatusCodePages(); // pages: "Page not found"; the API: problem details
app.UseRateLimiter(); // sign-in attempts per client address
app.UseAuthentication();
app.UseAuthorization();
app.UseDashboardLocalization(); // after authentication: the signed-in consultant's language
app.UseAntiforgery();

app.MapStaticAssets();
app.MapConsultantApi();
app.MapConsultantDashboard();
app.MapOrleansDashboardForAdministrators();

app.Run();

/// <summary>Visible to test hosts (WebApplicationFactory).</summary>
public partial class Program;
