using Microsoft.JSInterop;

namespace SnsDashboard.Web.Live;

/// <summary>
/// The shared filter of one circuit (scoped): the map and the feed read it when they open
/// without a filter in their URL, so switching pages through the top navigation keeps the
/// filter. Each change is also written into the address bar (history.replaceState, no
/// navigation), so a reload or a copied link keeps it too.
/// </summary>
public sealed class SharedPostFilterState
{
    public SharedPostFilter Current { get; private set; } = SharedPostFilter.None;

    /// <summary>The filter in the page's URL, or the circuit's last one when the URL has none.</summary>
    public SharedPostFilter Resolve(string uri)
    {
        var fromUrl = SharedPostFilter.Parse(uri);
        if (!fromUrl.IsEmpty) Current = fromUrl;
        return Current;
    }

    public async Task SetAsync(SharedPostFilter filter, IJSRuntime js, string path)
    {
        Current = filter;
        var query = filter.ToQueryString();
        try { await js.InvokeVoidAsync("history.replaceState", null, "", path + (query.Length > 0 ? "?" + query : "")); }
        catch (JSDisconnectedException) { }
    }
}
