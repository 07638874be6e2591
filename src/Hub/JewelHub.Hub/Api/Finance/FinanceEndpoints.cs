namespace JewelHub.Hub.Api.Finance;

/// <summary>The finance API: metal rates, orders, bills, payments and the ledger.</summary>
public static class FinanceEndpoints
{
    public static RouteGroupBuilder MapFinanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapRateEndpoints();
        api.MapOrderEndpoints();
        api.MapBillEndpoints();
        api.MapPaymentEndpoints();
        api.MapLedgerEndpoints();
        return api;
    }
}
