namespace JewelHub.Canonical.Events;

/// <summary>
/// An event type and what its events are about besides their subject: a workflow waiting on the type for a bill number
/// or an order id is resumed by an event whose subject, or one of the <see cref="CorrelatesOn"/> fields of its data,
/// equals that value. A field not named here never resumes a waiting workflow, whatever it holds.
/// </summary>
/// <param name="Name">The CloudEvents type, e.g. "payment.captured".</param>
/// <param name="CorrelatesOn">camelCase names of top-level string fields of the event's data, e.g. "billNumber".</param>
public sealed record EventType(string Name, IReadOnlyList<string> CorrelatesOn);
