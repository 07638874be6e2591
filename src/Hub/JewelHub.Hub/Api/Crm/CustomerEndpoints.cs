using JewelHub.Mappings.Loading;
using JewelHub.Hub.Hosting;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JewelHub.Hub.Api.Crm;

/// <summary>/api/customers: the canonical customers, their purchase history and consent.</summary>
public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapPost("/", UpsertAsync).WithName("UpsertCustomer");
        group.MapGet("/", LookupAsync).WithName("LookupCustomer");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCustomer");
        group.MapGet("/{id:guid}/purchases", PurchasesAsync).WithName("GetCustomerPurchases");
        group.MapGet("/{id:guid}/consent", ConsentAsync).WithName("GetCustomerConsent");
        group.MapPut("/{id:guid}/consent", SetConsentAsync).WithName("SetCustomerConsent");
        return group;
    }

    /// <summary>Matches the customer (reference, phone, e-mail) or creates one: 201 when created, 200 when matched.</summary>
    private static async Task<IResult> UpsertAsync(UpsertCustomerRequest? body, CrmStore crm, Database db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        var errors = new FieldErrors();
        var input = body.Validate(errors, crm.DefaultCallingCode, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (input is null)
        {
            return errors.ToProblem();
        }

        var (customer, outcome) = await db.InUnitAsync((unit, ct) => crm.UpsertAsync(unit, input, ct), cancellationToken);
        var answer = new UpsertCustomerResponse(customer.Id, outcome, CustomerResponse.From(customer));
        return outcome == CustomerUpsertOutcome.Created
            ? TypedResults.Created($"/api/customers/{customer.Id}", answer)
            : TypedResults.Ok(answer);
    }

    /// <summary>
    /// Finds the one customer with this phone (any usual form), e-mail, or (system, externalId). An external id is found
    /// as stored or as the old system printed it: when the system has a customer import map, the id is also read
    /// through that map's externalId rule (C-01000 → 1000 for legacy-pos).
    /// </summary>
    private static async Task<IResult> LookupAsync(
        string? phone, string? email, string? system, string? externalId, string? attribute, string? value, int? limit, CrmStore crm, MapCatalog maps,
        CancellationToken cancellationToken)
    {
        if (attribute is not null || value is not null || limit is not null)
        {
            return await SearchByAttributeAsync(phone ?? email ?? system ?? externalId, attribute, value, limit, crm, cancellationToken);
        }

        var errors = new FieldErrors();
        var given = new[] { phone, email, system ?? externalId }.Count(v => v is not null);
        if (given != 1)
        {
            errors.Add("query", "give exactly one of phone, email, system with externalId, or attribute");
        }
        else if (phone is not null && !crm.TryNormalisePhone(phone, out _))
        {
            errors.Add("phone", "must be a phone number in E.164 form (+919876543210) or a national number");
        }
        else if (email is not null && !Canonical.Values.EmailAddress.TryParse(email, out _, out var emailError))
        {
            errors.Add("email", emailError);
        }
        else if (phone is null && email is null)
        {
            errors.Required(system, "system");
            errors.Required(externalId, "externalId");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var customer = phone is not null ? await crm.FindByPhoneAsync(phone, cancellationToken)
            : email is not null ? await crm.FindByEmailAsync(email, cancellationToken)
            : await crm.FindByReferenceAsync(system!, externalId!, cancellationToken);
        if (customer is null && externalId is not null && maps.TryGet($"{system}.customer.in", out var map)
            && map.TryConvert("externalId", externalId, out var stored) && stored is string normalised && normalised != externalId)
        {
            customer = await crm.FindByReferenceAsync(system!, normalised, cancellationToken);
        }

        return customer is null ? TypedResults.NotFound() : TypedResults.Ok(CustomerResponse.From(customer));
    }

    /// <summary>
    /// The customers whose attributes (the old system's columns a migration kept) have the key, and with value also that
    /// value: an object with the list, empty when none.
    /// </summary>
    private static async Task<IResult> SearchByAttributeAsync(string? other, string? attribute, string? value, int? limit, CrmStore crm, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (other is not null)
        {
            errors.Add("query", "give attribute on its own (with value and limit), not with phone, email or externalId");
        }

        AttributeQuery.Check(errors, attribute, value, limit);
        return errors.Any
            ? errors.ToProblem()
            : TypedResults.Ok(new CustomerListResponse((await crm.FindByAttributeAsync(attribute!, value, limit ?? AttributeQuery.DefaultLimit, cancellationToken))
                .Select(CustomerResponse.From).ToList()));
    }

    private static async Task<Results<Ok<CustomerResponse>, NotFound>> GetAsync(Guid id, CrmStore crm, CancellationToken cancellationToken) =>
        await crm.GetAsync(id, cancellationToken) is { } customer ? TypedResults.Ok(CustomerResponse.From(customer)) : TypedResults.NotFound();

    /// <summary>The customer's bills, newest first.</summary>
    private static async Task<Results<Ok<IReadOnlyList<PurchaseResponse>>, NotFound>> PurchasesAsync(Guid id, CrmStore crm, CancellationToken cancellationToken)
    {
        if (await crm.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var purchases = await crm.PurchasesAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PurchaseResponse>>(purchases.Select(PurchaseResponse.From).ToList());
    }

    private static async Task<Results<Ok<ConsentResponse>, NotFound>> ConsentAsync(Guid id, CrmStore crm, CancellationToken cancellationToken) =>
        await crm.GetAsync(id, cancellationToken) is { } customer
            ? TypedResults.Ok(new ConsentResponse(customer.SmsOptIn, customer.EmailOptIn, await crm.ConsentHistoryAsync(id, cancellationToken)))
            : TypedResults.NotFound();

    /// <summary>Records the customer's opt-in or opt-out per channel; each change is kept in the consent history.</summary>
    private static async Task<IResult> SetConsentAsync(Guid id, ConsentRequest? body, CrmStore crm, Database db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (body is null)
        {
            return FieldErrors.One("body", "is required");
        }

        if (body.SmsOptIn is null && body.EmailOptIn is null)
        {
            errors.Add("smsOptIn", "give smsOptIn, emailOptIn or both");
        }

        if (errors.Required(body.Source, "source") && body.Source!.Trim().Length > Canonical.Values.Bounds.MaxNameLength)
        {
            errors.Add("source", $"must be at most {Canonical.Values.Bounds.MaxNameLength} characters");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Both channels change together, or neither.
        var found = await db.InUnitAsync(async (unit, ct) =>
        {
            var known = true;
            if (body.SmsOptIn is { } sms)
            {
                known = await crm.SetConsentAsync(unit, id, ContactChannel.Sms, sms, body.Source!.Trim(), ct);
            }

            if (known && body.EmailOptIn is { } mail)
            {
                known = await crm.SetConsentAsync(unit, id, ContactChannel.Email, mail, body.Source!.Trim(), ct);
            }

            return known;
        }, cancellationToken);

        return found ? (await ConsentAsync(id, crm, cancellationToken)).Result : TypedResults.NotFound();
    }
}
