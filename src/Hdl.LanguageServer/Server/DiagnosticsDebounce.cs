namespace Hdl.LanguageServer.Server;

/// <summary>How the quiet time before diagnostics are published follows the time their analysis takes.</summary>
/// <param name="Minimum">Shortest quiet time: below it a publication would start for nearly every keystroke.</param>
/// <param name="Ratio">Quiet time per millisecond of a typical recent analysis.</param>
/// <param name="History">How many recent analyses the typical one (their median) is taken from.</param>
internal sealed record DebounceOptions(TimeSpan Minimum, double Ratio, int History)
{
    public static readonly DebounceOptions Default = new(TimeSpan.FromMilliseconds(50), 1.0, 8);
}

/// <summary>
/// The quiet time after an edit before its diagnostics are published, adapted to what an analysis costs here (the
/// idea of clangd's debounce policy): the median of the recent publications' analysis times times
/// <see cref="DebounceOptions.Ratio"/>, clamped to [<see cref="DebounceOptions.Minimum"/>, the configured delay].
/// Waiting about as long as an analysis takes means a publication starts only when typing paused for longer than it
/// would run, so fast typing does not queue analyses; on a workspace where analysing an edit takes 40 ms the
/// diagnostics come after about 50 ms of quiet instead of a fixed delay set for the slowest workspaces. The configured
/// delay (`diagnosticsDelay`) is the upper bound, and the delay used until any analysis was measured; a configured
/// delay below the minimum is taken as it is.
/// </summary>
internal sealed class DiagnosticsDebounce(DebounceOptions options)
{
    private readonly Lock _lock = new();
    private readonly Queue<TimeSpan> _recent = new();

    /// <summary>Records how long one publication's analysis took (from its start to its diagnostics being ready).</summary>
    public void Record(TimeSpan analysis)
    {
        lock (_lock)
        {
            _recent.Enqueue(analysis);
            while (_recent.Count > Math.Max(1, options.History))
            {
                _recent.Dequeue();
            }
        }
    }

    /// <summary>The quiet time to wait now, given the configured delay as the upper bound.</summary>
    public TimeSpan Delay(TimeSpan maximum)
    {
        if (maximum <= options.Minimum)
        {
            return maximum;
        }

        TimeSpan median;
        lock (_lock)
        {
            if (_recent.Count == 0)
            {
                return maximum;
            }

            var sorted = _recent.Order().ToArray();
            median = sorted[sorted.Length / 2];
        }

        var target = median * options.Ratio;
        return target < options.Minimum ? options.Minimum : target > maximum ? maximum : target;
    }
}
