using JewelHub.Stores.Finance;

namespace JewelHub.Hub.Api.Finance;

/// <summary>GET /api/ledger/trial-balance: every account's debits and credits; they balance in double entry.</summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedgerEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ledger").WithTags("Finance");
        group.MapGet("/trial-balance", TrialBalanceAsync).WithName("TrialBalance");
        return group;
    }

    private static async Task<IResult> TrialBalanceAsync(LedgerStore ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ledger.TrialBalanceAsync(cancellationToken));
}
