using Hdl.LanguageServer.Server;

namespace Hdl.LanguageServer.Tests.Server;

/// <summary>The quiet time before diagnostics are published follows what recent publications took, within the configured delay.</summary>
public sealed class DiagnosticsDebounceTests
{
    private static readonly TimeSpan Configured = Ms(200);

    [Fact]
    public void Before_any_publication_was_measured_the_configured_delay_is_waited()
    {
        var debounce = new DiagnosticsDebounce(DebounceOptions.Default);
        Assert.Equal(Configured, debounce.Delay(Configured));
    }

    [Fact]
    public void The_delay_is_the_median_of_recent_analyses_so_one_slow_analysis_does_not_move_it()
    {
        var debounce = new DiagnosticsDebounce(DebounceOptions.Default);
        foreach (var milliseconds in new[] { 70, 80, 900, 75 })
        {
            debounce.Record(Ms(milliseconds));
        }

        Assert.Equal(Ms(80), debounce.Delay(Configured));
    }

    [Fact]
    public void The_delay_stays_between_the_minimum_and_the_configured_delay()
    {
        var fast = new DiagnosticsDebounce(DebounceOptions.Default);
        fast.Record(Ms(5));
        Assert.Equal(DebounceOptions.Default.Minimum, fast.Delay(Configured));

        var slow = new DiagnosticsDebounce(DebounceOptions.Default);
        slow.Record(Ms(2_000));
        Assert.Equal(Configured, slow.Delay(Configured));

        // A configured delay below the minimum (0 in tests, for instance) is taken as it is.
        Assert.Equal(TimeSpan.Zero, slow.Delay(TimeSpan.Zero));
    }

    [Fact]
    public void Only_the_latest_analyses_count_and_the_ratio_scales_them()
    {
        var debounce = new DiagnosticsDebounce(DebounceOptions.Default with { History = 2, Ratio = 1.5 });
        debounce.Record(Ms(190));
        debounce.Record(Ms(60));
        debounce.Record(Ms(60));
        Assert.Equal(Ms(90), debounce.Delay(Configured));
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
