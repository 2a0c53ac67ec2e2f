using Microsoft.JSInterop;

namespace Consultant.Web.Shared;

/// <summary>
/// A call into the browser that may fail (the page reloading, an element not there yet) without taking the
/// dashboard down: scrolling and notifications are conveniences.
/// </summary>
internal static class BrowserCalls
{
    public static async Task<T> TryAsync<T>(Func<Task<T>> call, T fallback)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return fallback;
        }
    }
}
