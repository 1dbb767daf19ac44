using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Refrain.Listening.Connect;

/// <summary>The small page a person sees in the browser at the end of the connect flow.</summary>
internal static class ConnectPage
{
    public static ContentHttpResult Of(ConnectResult result)
    {
        var title = HtmlEncoder.Default.Encode(result.Title);
        var message = HtmlEncoder.Default.Encode(result.Message);
        var html = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refrain: {title}</title></head>"
            + $"<body><h1>{title}</h1><p>{message}</p></body></html>";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: result.Status);
    }
}
