namespace JewelHub.Hub.Hosting;

/// <summary>
/// Refuses a query string carrying the NUL character (U+0000) with a problem naming the parameter, before any endpoint
/// passes it to a database that cannot store it (Kestrel already refuses it in the path).
/// </summary>
internal static class QueryTextCheck
{
    public static IApplicationBuilder UseQueryTextCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(value => value?.Contains('\0', StringComparison.Ordinal) == true))
            {
                var field = name.Contains('\0', StringComparison.Ordinal) ? "query" : name;
                await FieldErrors.One(field, "must not contain the NUL character (%00)").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });
}
