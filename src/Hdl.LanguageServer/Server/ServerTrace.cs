using System.Diagnostics;
using System.Globalization;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// Stopwatch lines in the server log for finding where a slow request's time went: set the environment variable
/// HDL_LSP_TRACE=1 and every read request logs its wait for a pool thread, for the snapshot's index and for the
/// handler, with the garbage collections and their pause time meanwhile; snapshot preparation, diagnostics
/// publication and the background work after an edit log their phases. Times are milliseconds since the server
/// started, so lines of concurrent work can be lined up. Off (and free) by default.
/// </summary>
internal sealed class ServerTrace(bool enabled, Action<string> log)
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly Action<string> _log = log;

    public const string EnvironmentVariable = "HDL_LSP_TRACE";

    public bool Enabled { get; } = enabled;

    public static ServerTrace FromEnvironment(Action<string> log) =>
        new(Environment.GetEnvironmentVariable(EnvironmentVariable) is "1" or "true", log);

    /// <summary>Starts timing one piece of work; null when tracing is off.</summary>
    public Span? Start(string name) => Enabled ? new Span(this, name) : null;

    private double Now => Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;

    /// <summary>One timed piece of work: named marks in order, then one log line.</summary>
    public sealed class Span
    {
        private readonly ServerTrace _trace;
        private readonly string _name;
        private readonly double _start;
        private readonly TimeSpan _pauseAtStart = GC.GetTotalPauseDuration();
        private readonly int[] _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        private readonly List<string> _marks = [];
        private double _last;

        internal Span(ServerTrace trace, string name)
        {
            _trace = trace;
            _name = name;
            _start = trace.Now;
            _last = _start;
        }

        /// <summary>Records the time since the previous mark (or the start) under a name.</summary>
        public void Mark(string phase)
        {
            var now = _trace.Now;
            _marks.Add(string.Create(CultureInfo.InvariantCulture, $"{phase} {now - _last:F1}"));
            _last = now;
        }

        public void End(string? detail = null)
        {
            var end = _trace.Now;
            var pause = GC.GetTotalPauseDuration() - _pauseAtStart;
            var collections = string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - _collectionsAtStart[0]}/{GC.CollectionCount(1) - _collectionsAtStart[1]}/{GC.CollectionCount(2) - _collectionsAtStart[2]}");
            _trace._log(string.Create(CultureInfo.InvariantCulture,
                $"trace {_name} at {_start:F1}: {end - _start:F1} ms [{string.Join(", ", _marks)}] gc {collections} paused {pause.TotalMilliseconds:F1} ms{(detail is null ? "" : " " + detail)}"));
        }
    }
}
