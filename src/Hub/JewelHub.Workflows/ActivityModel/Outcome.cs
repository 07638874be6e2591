namespace JewelHub.Workflows.ActivityModel;

/// <summary>
/// What an activity returns: the ports the flow continues on, or bookmarks the instance waits on, or the end of the flow.
/// Expected results (out of stock, timeout) leave through named ports; only bugs and outages throw.
/// </summary>
public sealed record Outcome
{
    /// <summary>The port most activities complete on.</summary>
    public const string DonePort = "Done";

    private Outcome(IReadOnlyList<string> ports, IReadOnlyList<BookmarkRequest> bookmarks, bool endsFlow, object? payload)
    {
        Ports = ports;
        Bookmarks = bookmarks;
        EndsFlow = endsFlow;
        Payload = payload;
    }

    /// <summary>The ports taken; empty when the activity suspends or ends the flow.</summary>
    public IReadOnlyList<string> Ports { get; }

    /// <summary>What the instance waits for before the activity runs again.</summary>
    public IReadOnlyList<BookmarkRequest> Bookmarks { get; }

    /// <summary>True when the whole flow finishes here (Elsa.End).</summary>
    public bool EndsFlow { get; }

    /// <summary>Extra detail written to the journal, e.g. which SKUs were unavailable.</summary>
    public object? Payload { get; }

    /// <summary>True when the instance must wait.</summary>
    public bool IsSuspended => Bookmarks.Count > 0;

    /// <summary>Completes on "Done".</summary>
    public static Outcome Done { get; } = new([DonePort], [], false, null);

    /// <summary>Completes and finishes the whole flow.</summary>
    public static Outcome End { get; } = new([], [], true, null);

    /// <summary>Completes on one named port.</summary>
    public static Outcome Port(string port, object? payload = null) => new([port], [], false, payload);

    /// <summary>Completes on several ports at once (a fork).</summary>
    public static Outcome Fork(IReadOnlyList<string> ports) => new(ports, [], false, null);

    /// <summary>Suspends the instance until one of the bookmarks is resumed; the activity then runs again with <see cref="ActivityContext.Resume"/> set.</summary>
    public static Outcome Suspend(params BookmarkRequest[] bookmarks) => new([], bookmarks, false, null);
}

/// <summary>
/// A reason to wait: an event named <paramref name="Name"/> (a canonical event type) about <paramref name="Correlation"/>
/// (e.g. a bill number), or a timer when <paramref name="DueAt"/> is set.
/// </summary>
/// <param name="Name">The event type, or "timer".</param>
/// <param name="Correlation">What the event must be about; "" for any.</param>
/// <param name="DueAt">When a timer fires.</param>
public sealed record BookmarkRequest(string Name, string Correlation, DateTimeOffset? DueAt = null)
{
    /// <summary>The bookmark name of timers.</summary>
    public const string TimerName = "timer";

    /// <summary>A timer bookmark.</summary>
    public static BookmarkRequest Timer(DateTimeOffset dueAt) => new(TimerName, "", dueAt);
}
