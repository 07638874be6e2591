using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JewelHub.Hub.Studio;

/// <summary>
/// Serves the genuine Elsa Studio under /studio/: the bundle's files byte for byte (their integrity hashes cover
/// the decoded bytes, so nothing is recompressed), the shipped .br/.gz siblings chosen by Accept-Encoding, and
/// JewelHub's own host page for every other path so that the studio's client-side routes can be reloaded. The
/// studio's links from the site root (/workflows/..., /diagnostics/structured-logs) redirect to the matching view.
/// </summary>
public static class StudioEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();
    private static readonly Lazy<byte[]> HostPage = new(ReadHostPage);

    public static void MapStudio(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<StudioOptions>>().Value;
        var environment = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        var bundle = StudioBundle.Locate(options, environment.ContentRootPath);

        app.MapGet("/studio/{**path}", (HttpContext context, string? path) => Serve(context, bundle, path ?? ""))
            .ExcludeFromDescription();

        // The studio writes some links from the site root instead of its base: the instance viewer's definition link
        // (/workflows/definitions/{id}/edit) and its logs link. The host page opens them in place; these redirects serve
        // the same views to a link opened in a new tab or typed in.
        app.MapGet("/workflows/{**path}", (HttpContext context) =>
                Results.Redirect("/studio" + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent()))
            .ExcludeFromDescription();
        app.MapGet("/diagnostics/structured-logs", (string? workflowInstanceId) => Results.Redirect(string.IsNullOrEmpty(workflowInstanceId)
                ? "/studio/workflows/instances"
                : $"/studio/workflows/instances/{Uri.EscapeDataString(workflowInstanceId)}/view"))
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, StudioBundle bundle, string path)
    {
        if (bundle.Root is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Elsa Studio is not installed",
                detail: "Build the hub with npm available (the build runs 'npm ci' in src/Hub/JewelHub.Hub/Studio) or set Studio:BundlePath.");
        }

        if (!context.Request.Path.Value!.StartsWith("/studio/", StringComparison.Ordinal))
        {
            return Results.Redirect("/studio/");
        }

        if (path.Length == 0 || path.EndsWith(".html", StringComparison.Ordinal) || bundle.FileFor(path) is not { } file)
        {
            return LooksLikeAFile(path)
                ? Results.NotFound()
                : Results.Bytes(HostPage.Value, "text/html; charset=utf-8");
        }

        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        var encoding = Negotiate(context.Request, file, out var variant);
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (encoding is not null)
        {
            context.Response.Headers.ContentEncoding = encoding;
        }

        var info = new FileInfo(variant);
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}{encoding}\"");
        return Results.File(variant, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag);
    }

    private static string? Negotiate(HttpRequest request, string file, out string variant)
    {
        var accepted = request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (accepted.Contains(encoding, StringComparison.OrdinalIgnoreCase) && File.Exists(file + suffix))
            {
                variant = file + suffix;
                return encoding;
            }
        }

        variant = file;
        return null;
    }

    private static bool LooksLikeAFile(string path) =>
        path.StartsWith("_framework/", StringComparison.Ordinal) || path.StartsWith("_content/", StringComparison.Ordinal)
        || Path.HasExtension(path);

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".js"] = "text/javascript";
        provider.Mappings[".mjs"] = "text/javascript";
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".blat"] = "application/octet-stream";
        provider.Mappings[".woff2"] = "font/woff2";
        return provider;
    }

    private static byte[] ReadHostPage()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("JewelHub.Hub.Studio.index.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
