using System.Collections.Immutable;
using Hdl.LanguageServer.Server;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Index;

namespace Hdl.LanguageServer.Tests.Server;

/// <summary>A document change starts making the next snapshot at once: the index with the edit, its bindings and the edited file bound.</summary>
public sealed class SnapshotPreparerTests
{
    [Fact]
    public async Task An_edit_makes_the_index_and_binds_the_edited_file_before_any_request()
    {
        var disk = new Files(new Dictionary<string, string>
        {
            ["/ws/pkg.sv"] = "package p; parameter int W = 2; endpackage\n",
            ["/ws/top.sv"] = "module top; import p::*; logic [W-1:0] x; endmodule\n",
            ["/ws/other.sv"] = "module other; logic y; endmodule\n",
        });
        var configuration = ServerConfiguration.Default;
        var built = WorkspaceIndex.Build(["/ws/pkg.sv", "/ws/top.sv", "/ws/other.sv"], configuration.IndexOptions(), disk, disk, null, CancellationToken.None);
        _ = built.Bindings.Counts;
        var state = ServerState.Create(configuration, disk, disk).WithBuiltIndex(built, [], ElaborationOptions.Default, []);
        var edited = new OpenDocument("file:///ws/top.sv", "/ws/top.sv", 2, SourceText.From("/ws/top.sv", "module top; import p::*; logic [W:0] x; endmodule\n"));
        state = state.WithDocuments(state.Documents.SetItem(edited.Path, edited), [edited.Path]);
        var collections = 0;
        var preparer = new SnapshotPreparer(() => state, message => Assert.Fail(message), collector: new IdleCollector(() => false, () => collections++, threshold: 0));

        await preparer.ScheduleAsync([edited.Path]);

        // Made without a request asking: the snapshot holds the edited text, bound against the patched bindings.
        Assert.True(state.IsIndexMade);
        var index = state.Index;
        Assert.Equal("/ws/top.sv", Assert.Single(index.AnalysedPaths));
        Assert.True(index.Bindings.IsBound("/ws/top.sv"));
        Assert.Contains(index.Bindings.ReferencesIn("/ws/top.sv"), reference => reference.Name == "W" && reference.IsBound);

        // The data-flow graph a hover counts drivers and loads with is made too (none left to build), and with the
        // snapshot made and no request running, the garbage of the analysis was collected once.
        Assert.Equal(0, state.Flow.Prepare("/ws/top.sv"));
        Assert.Equal(1, collections);
    }

    [Fact]
    public void The_idle_collector_collects_only_when_no_request_runs_and_enough_was_allocated()
    {
        var collections = 0;
        var running = true;
        var collector = new IdleCollector(() => running, () => collections++, threshold: 0);
        Assert.False(collector.CollectIfIdle());
        running = false;
        Assert.True(collector.CollectIfIdle());
        Assert.Equal(1, collections);

        // Nothing like a gigabyte is allocated between two calls here: below the threshold, no collection.
        var large = new IdleCollector(() => false, () => collections++, threshold: 1L << 40);
        Assert.False(large.CollectIfIdle());
        Assert.Equal(1, collections);
    }

    /// <summary>Files in memory, for the index and for includes.</summary>
    private sealed class Files(Dictionary<string, string> texts) : ISourceFileReader, IIncludeSource
    {
        public SourceReadResult Read(string path, CancellationToken cancellationToken) =>
            texts.TryGetValue(path, out var text) ? SourceReadResult.Success(SourceText.From(path, text)) : SourceReadResult.Failed(SourceReadFailure.NotFound, "not found");

        public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories) => null;
    }
}
