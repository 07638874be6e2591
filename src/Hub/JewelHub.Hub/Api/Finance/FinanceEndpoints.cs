namespace JewelHub.Hub.Api.Finance;

/// <summary>The finance API: metal rates, payments and the ledger (orders and bills join once inventory is in).</summary>
public static class FinanceEndpoints
{
    public static RouteGroupBuilder MapFinanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapRateEndpoints();
        api.MapPaymentEndpoints();
        api.MapLedgerEndpoints();
        return api;
    }
}
