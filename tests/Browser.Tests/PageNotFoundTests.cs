using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Consultant.Browser.Tests;

/// <summary>An address that leads nowhere: a page in the consultant's language for a browser, problem details for the API.</summary>
public sealed class PageNotFoundTests : BrowserFixture
{
    [Test]
    public async Task An_unknown_page_address_shows_page_not_found_in_italian_with_a_way_back_and_the_api_keeps_problem_details()
    {
        using var consultant = await Host.RegisterConsultantAsync("Giulia Smarrita");
        var page = await NewPageAsync(locale: "it-IT");
        await SignInAsync(page, consultant.Email, consultant.Password);

        using (var asBrowser = new HttpClient { BaseAddress = BaseUrl })
        {
            asBrowser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");
            var raw = await asBrowser.GetAsync("/nonexistent");
            var body = await raw.Content.ReadAsStringAsync();
            Assert.That((raw.StatusCode, raw.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.NotFound, "text/html")), body);
        }

        var response = await page.GotoAsync("/nonexistent");
        Assert.That(response!.Status, Is.EqualTo(404));
        Assert.That(response.Headers["content-type"], Does.StartWith("text/html"));
        await Assertions.Expect(page.GetByTestId("page-not-found").GetByText("Pagina non trovata")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "page-not-found-italian");
        await page.GetByTestId("back-to-overview").ClickAsync();
        await page.WaitForURLAsync(new Uri(BaseUrl, "/").ToString());

        using var http = new HttpClient { BaseAddress = BaseUrl };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var api = await http.GetAsync("/api/nonexistent");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(api.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
