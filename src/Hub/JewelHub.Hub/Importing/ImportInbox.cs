using System.Threading.Channels;

namespace JewelHub.Hub.Importing;

/// <summary>Uploaded imports waiting for the worker; the durable state is the job row, this only wakes the worker.</summary>
public sealed class ImportInbox
{
    private readonly Channel<(string JobId, ImportRequest Request)> _channel = Channel.CreateUnbounded<(string, ImportRequest)>();

    public ValueTask EnqueueAsync(string jobId, ImportRequest request, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync((jobId, request), cancellationToken);

    public IAsyncEnumerable<(string JobId, ImportRequest Request)> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
