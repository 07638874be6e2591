using System.Text.Json.Nodes;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Notifications;
using JewelHub.Workflows.ActivityModel;

namespace JewelHub.Workflows.Activities.Hub;

/// <summary>
/// Records a notification for the sender, once per execution (or once per OnceFor value in the instance). A customer
/// who has not agreed to SMS or email on the chosen channel is recorded as Suppressed and not contacted.
/// </summary>
[Activity("JewelHub", "Notifications", "Send a message from a template to a customer or to staff. Customers who have not agreed to messages on that channel are not contacted.", HasEffects = true)]
public sealed class Notify(NotificationStore notifications) : IActivity
{
    [Input(Description = "The message template, e.g. bill-paid, out-of-stock, stock-low.")] public Input<string> Template { get; init; } = Input.Required<string>();

    [Input(Description = "A customer id, or a staff address such as branch-managers:mumbai-1.", DefaultSyntax = "JavaScript")]
    public Input<string?> Recipient { get; init; } = Input.Required<string?>();

    [Input(Description = "How the message goes out.", UIHint = "dropdown", Options = ["sms|SMS", "email|Email", "staff|Staff inbox"])]
    public Input<string> Channel { get; init; } = Input.Optional("sms");

    [Input(Description = "Send this message only once per value in this workflow run, e.g. the payment id, even when the step runs again in a loop or for a repeated event. Empty: once each time the step runs.", DefaultSyntax = "JavaScript")]
    public Input<string?> OnceFor { get; init; } = Input.Optional<string?>();

    [Input(Description = "Facts the message is filled with, as a JSON object, e.g. the bill number and the payment. Staff need them to know which sale a message is about.", UIHint = "json-editor", DefaultSyntax = "JavaScript")]
    public Input<JsonNode?> Data { get; init; } = Input.Optional<JsonNode?>();

    [Output(Description = "Queued, or Suppressed when the customer has not consented.")] public Output<string> Status { get; init; } = new();

    public async ValueTask<Outcome> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var recipient = HubData.Text(context.Get(Recipient));
        if (recipient is null)
        {
            return context.Done(Status, "NoRecipient");
        }

        if (IncompleteAddress(recipient))
        {
            // A staff address built from a field the data lacks ('branch-managers:' + undefined) reaches nobody; the
            // step faults so the gap is seen instead of a message going to an address no one reads.
            throw new InvalidOperationException($"The recipient '{recipient}' names no one after its ':'; the data it is built from lacks that field.");
        }

        var channel = context.Get(Channel) ?? "sms";
        var key = HubData.Text(context.Get(OnceFor)) is { } once ? $"{context.Ids.InstanceId}:{context.Ids.ActivityId}:{once}" : context.IdempotencyKey;
        var template = context.Get(Template);
        var data = context.Get(Data)?.ToJsonString();

        // Staff addresses need no consent; a customer's consent for the channel is checked as the row is written, and a
        // channel customers cannot be reached on is never consented to.
        var row = !Guid.TryParse(recipient, out var customerId)
            ? await notifications.RecordAsync(context.Unit, key, template, recipient, channel, consentOk: true, data, cancellationToken)
            : Enum.TryParse<ContactChannel>(channel, ignoreCase: true, out var contact)
                ? await notifications.RecordForCustomerAsync(context.Unit, key, template, customerId, channel, contact, data, cancellationToken)
                : await notifications.RecordAsync(context.Unit, key, template, recipient, channel, consentOk: false, data, cancellationToken);
        return context.Done(Status, row.Status);
    }

    private static bool IncompleteAddress(string recipient) =>
        recipient.Split(':') is [_, var who] && (string.IsNullOrWhiteSpace(who) || who is "undefined" or "null");
}
