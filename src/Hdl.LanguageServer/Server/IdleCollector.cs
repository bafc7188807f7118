namespace Hdl.LanguageServer.Server;

/// <summary>
/// Collects the young generations when the server is idle, so a collection does not land inside a request. Every edit
/// allocates tens of megabytes (the edited file's parse and model, the patched maps of the next snapshot, the
/// diagnostics' syntax tree); with a heap of a gigabyte or more (a 1M-line workspace) a young collection that the
/// runtime starts when its budget runs out marks through the old generation's cards and stalls every thread for
/// tens of milliseconds, at whatever moment the budget ran out: often inside the hover that follows an edit. The
/// snapshot preparer calls <see cref="CollectIfIdle"/> when an edit's snapshot is made; if no request is running
/// and more than <see cref="Threshold"/> bytes were allocated since the last collection it knows of, it collects
/// then, and the next request starts with a fresh budget.
/// </summary>
internal sealed class IdleCollector(Func<bool> requestsRunning, Action collect, long threshold)
{
    /// <summary>Allocation since the last collection below which collecting is not worth its pause.</summary>
    public const long DefaultThreshold = 8L * 1024 * 1024;

    private readonly Lock _lock = new();
    private long _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();

    public long Threshold { get; } = threshold;

    /// <summary>Collects gen 0 and 1 of this process, blocking (they are short; what matters is when they run).</summary>
    public static IdleCollector ForProcess(Func<bool> requestsRunning) =>
        new(requestsRunning, () => GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false), DefaultThreshold);

    /// <returns>Whether it collected.</returns>
    public bool CollectIfIdle()
    {
        lock (_lock)
        {
            // Counted from this object's last collection: a collection the runtime made meanwhile is not seen, and at
            // worst this one then collects a young generation that is nearly empty (a short pause, at an idle moment).
            if (GC.GetTotalAllocatedBytes() - _allocatedAtLastCollection < Threshold || requestsRunning())
            {
                return false;
            }

            collect();
            _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
            return true;
        }
    }
}
