namespace Hdl.LanguageServer.Server;

/// <summary>
/// Makes the snapshot of the current state as soon as a document changes, on a pool thread, in the order the requests
/// that follow an edit need it: the index with the edited files analysed again and the unit table (a hover needs
/// only these), the data-flow graphs of the edited files' units (a hover's driver and load counts), then the
/// bindings (patched from the previous snapshot's) with the edited files bound (definition, completion). A request
/// that comes a few milliseconds after the edit finds that work done or under way (it waits on the same lazy values)
/// instead of starting it. One preparation runs at a time; changes that come meanwhile are folded into one more run
/// for the state current when it starts, so a burst of typing costs at most two. When nothing is left to prepare, the
/// <see cref="IdleCollector"/> may collect the garbage of the analysis while no request is running.
/// </summary>
internal sealed class SnapshotPreparer(Func<ServerState> current, Action<string> log, ServerTrace? trace = null, IdleCollector? collector = null)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private Task? _running;

    /// <summary>
    /// Prepares the current state's snapshot for the documents that changed, now or after the running preparation;
    /// the task ends when no change is left to prepare (the server does not wait for it).
    /// </summary>
    public Task ScheduleAsync(IEnumerable<string> changedDocuments)
    {
        lock (_lock)
        {
            _changed.UnionWith(changedDocuments);
            if (_running is { } running)
            {
                return running;
            }

            if (_changed.Count == 0)
            {
                return Task.CompletedTask;
            }

            _running = Task.Run(Run);
            return _running;
        }
    }

    private void Run()
    {
        while (true)
        {
            string[] changed;
            lock (_lock)
            {
                if (_changed.Count == 0)
                {
                    _running = null;
                    break;
                }

                changed = [.. _changed];
                _changed.Clear();
            }

            var state = current();
            if (!state.IndexReady)
            {
                continue;
            }

            Prepare(state, changed);
        }

        collector?.CollectIfIdle();
    }

    private void Prepare(ServerState state, string[] changed)
    {
        var span = trace?.Start("prepare snapshot");
        try
        {
            _ = state.Index.Units;
            span?.Mark("index");
            foreach (var path in changed)
            {
                _ = state.Flow.Prepare(path);
            }

            span?.Mark("flow");
            var bindings = state.Index.Bindings;
            span?.Mark("bindings");
            foreach (var path in changed)
            {
                _ = bindings.ReferencesIn(path);
            }

            span?.Mark("bind");
            span?.End();
        }
        catch (Exception exception)
        {
            // A request that needs the snapshot makes it again and answers with the error; the server stays up.
            log($"preparing the snapshot after an edit failed: {exception}");
        }
    }
}
