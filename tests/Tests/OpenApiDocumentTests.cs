using System.Net;
using System.Text.Json;

namespace Consultant.Tests;

/// <summary>The API describes itself at /openapi/v1.json: every endpoint, grouped by capability.</summary>
public sealed class OpenApiDocumentTests : HostFixture
{
    [Test]
    public async Task The_document_lists_every_api_endpoint_with_a_tag()
    {
        using var anonymous = Host.CreateClient();
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(document.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3."));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().ToList();
        Assert.That(paths.Select(p => p.Name), Is.SupersetOf(new[]
        {
            "/api/auth/register", "/api/auth/login", "/api/clients", "/api/whatsapp/conversations",
            "/api/whatsapp/webhook", "/api/whatsapp/status-callback",
        }));
        var untagged = paths
            .SelectMany(p => p.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name.ToUpperInvariant()} {p.Name}", operation.Value)))
            .Where(o => !o.Value.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            .Select(o => o.Route);
        Assert.That(untagged, Is.Empty);
    }

    [Test]
    public async Task Every_operation_has_its_own_operation_id()
    {
        using var anonymous = Host.CreateClient();
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name.ToUpperInvariant()} {p.Name}", operation.Value)))
            .ToList();

        var unnamed = operations.Where(o => !o.Value.TryGetProperty("operationId", out var id) || string.IsNullOrWhiteSpace(id.GetString())).Select(o => o.Route);
        Assert.That(unnamed, Is.Empty);
        var ids = operations.Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Does.Contain("SendMessage").And.Contain("ReceiveWhatsAppMessage"));
    }
}
