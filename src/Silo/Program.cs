using Consultant.Api;
using Consultant.Api.Auth;
using Consultant.Grains;
using Consultant.Silo;
using Consultant.Web;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();

// First: the key ring, the Orleans providers and the demo seed all need the schema in place.
builder.Services.AddHostedService<DatabaseStartup>();
builder.Services.AddConsultantDomain();
builder.Services.AddConsultantApi();
builder.Services.AddConsultantDashboard();
if (builder.Environment.IsDevelopment())
{
    // Tests and local runs see what broke a dashboard page in the browser's console.
    builder.Services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(options => options.DetailedErrors = true);
}
builder.UseOrleans(OrleansSetup.ConfigureSilo);
builder.Services.AddHostedService<UnansweredConversationsRecovery>(); // after the silo: it calls grains
builder.Services.AddHostedService<WhatsAppNumberBackfill>(); // likewise

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapConsultantApi();
app.MapConsultantDashboard();
app.MapOrleansDashboard(routePrefix: "/orleans").RequireAuthorization(AuthSchemes.DashboardPolicy);

app.Run();

/// <summary>Visible to test hosts (WebApplicationFactory).</summary>
public partial class Program;
