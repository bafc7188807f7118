using System.Collections.Immutable;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace;
using Hdl.Workspace.Elaboration;
using Hdl.Workspace.Features;
using Hdl.Workspace.Index;

namespace Hdl.LanguageServer.Server;

/// <summary>An editor buffer: the URI the client named it by, its path, version and text. It overrides the file on disk.</summary>
internal sealed record OpenDocument(string Uri, string Path, int Version, SourceText Text);

/// <summary>
/// One immutable state of the server: open documents, configuration, workspace folders and the index. Edits make a
/// new state at once; the index of a state is made on first use from the last index made, re-analysing only the files
/// changed since (<see cref="WorkspaceIndex.ApplyChanges"/>), so a burst of edits costs one re-analysis.
/// </summary>
internal sealed class ServerState
{
    private readonly Lazy<WorkspaceIndex> _index;
    private readonly Lazy<SignalFlow> _flow;
    private readonly Lazy<InstanceHierarchy> _hierarchy;
    private Task<InstanceHierarchy>? _hierarchyTask;

    private ServerState(
        ImmutableDictionary<string, OpenDocument> documents,
        ServerConfiguration configuration,
        ImmutableArray<string> roots,
        WorkspaceIndex baseIndex,
        ImmutableHashSet<string> pending,
        bool indexReady,
        IIncludeSource diskIncludes,
        ISourceFileReader diskReader,
        ImmutableArray<string> workspaceFiles,
        ElaborationOptions elaboration,
        ImmutableArray<string> projectFiles)
    {
        WorkspaceFiles = workspaceFiles;
        Elaboration = elaboration;
        ProjectFiles = projectFiles;
        Documents = documents;
        Configuration = configuration;
        Roots = roots;
        BaseIndex = baseIndex;
        Pending = pending;
        IndexReady = indexReady;
        DiskIncludes = diskIncludes;
        DiskReader = diskReader;
        _index = new Lazy<WorkspaceIndex>(
            () => pending.IsEmpty ? baseIndex : baseIndex.ApplyChanges([.. pending], Reader, Includes, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _flow = new Lazy<SignalFlow>(() => new SignalFlow(Index), LazyThreadSafetyMode.ExecutionAndPublication);
        _hierarchy = new Lazy<InstanceHierarchy>(() => Index.Elaborate(elaboration, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ImmutableDictionary<string, OpenDocument> Documents { get; }

    public ServerConfiguration Configuration { get; }

    public ImmutableArray<string> Roots { get; }

    public WorkspaceIndex BaseIndex { get; }

    public ImmutableHashSet<string> Pending { get; }

    /// <summary>False while the first index of the workspace is being built: requests answer from what exists.</summary>
    public bool IndexReady { get; }

    public IIncludeSource DiskIncludes { get; }

    /// <summary>Every file of the workspace folders found by the last load, headers included (for include fixes).</summary>
    public ImmutableArray<string> WorkspaceFiles { get; }

    public ISourceFileReader DiskReader { get; }

    /// <summary>How the hierarchy is elaborated: the tops named in `hdl.json`, else the units nothing instantiates.</summary>
    public ElaborationOptions Elaboration { get; }

    /// <summary>Files besides `hdl.json` whose change means loading the workspace again (its filelists).</summary>
    public ImmutableArray<string> ProjectFiles { get; }

    /// <summary>The workspace index with every open document's text in it.</summary>
    public WorkspaceIndex Index => _index.Value;

    /// <summary>Whether <see cref="Index"/> has been made (asking for it would make it).</summary>
    public bool IsIndexMade => _index.IsValueCreated;

    public SignalFlow Flow => _flow.Value;

    public InstanceHierarchy Hierarchy => _hierarchy.Value;

    /// <summary>
    /// The hierarchy if it is elaborated already, else null at once, with the elaboration started in the background,
    /// so a request answers without it now and the next one has it (inlay widths, elaboration diagnostics, fixes).
    /// </summary>
    public InstanceHierarchy? HierarchyIfReady()
    {
        if (_hierarchy.IsValueCreated)
        {
            return _hierarchy.Value;
        }

        if (Index.ElaboratedOrNull(Elaboration) is { } made)
        {
            return made;
        }

        _ = HierarchyAsync();
        return null;
    }

    /// <summary>The hierarchy, elaborated on a pool thread once per state (awaiting it does not hold a request's thread).</summary>
    public Task<InstanceHierarchy> HierarchyAsync()
    {
        if (Volatile.Read(ref _hierarchyTask) is { } task)
        {
            return task;
        }

        var started = new Task<InstanceHierarchy>(() => _hierarchy.Value);
        if (Interlocked.CompareExchange(ref _hierarchyTask, started, null) is { } other)
        {
            return other;
        }

        started.Start(TaskScheduler.Default);
        return started;
    }

    public ISourceFileReader Reader => new OverlaySourceReader(Documents, DiskReader, Configuration.MaxFileCharacters);

    public IIncludeSource Includes => new OverlayIncludeSource(Documents, DiskIncludes);

    public static ServerState Create(ServerConfiguration configuration, ISourceFileReader diskReader, IIncludeSource diskIncludes) =>
        new([], configuration, [], WorkspaceIndex.Build([], configuration.IndexOptions(), diskReader, diskIncludes, null, CancellationToken.None), [], indexReady: false, diskIncludes, diskReader, [], ElaborationOptions.Default, []);

    /// <summary>The text of a file as the server sees it: the open buffer, else the file on disk.</summary>
    public SourceText? GetText(string path) =>
        Documents.TryGetValue(path, out var document) ? document.Text : DiskReader.Read(path, CancellationToken.None).Text;

    public ServerState WithDocuments(ImmutableDictionary<string, OpenDocument> documents, IEnumerable<string> changedPaths) =>
        Next(documents, Configuration, Roots, changedPaths, IndexReady);

    public ServerState WithChangedFiles(IEnumerable<string> changedPaths) => Next(Documents, Configuration, Roots, changedPaths, IndexReady);

    public ServerState WithConfiguration(ServerConfiguration configuration) => Next(Documents, configuration, Roots, [], IndexReady);

    public ServerState WithRoots(ImmutableArray<string> roots) => Next(Documents, Configuration, roots, [], IndexReady);

    /// <summary>A freshly built index replaces the old one; open documents are laid over it on first use.</summary>
    public ServerState WithBuiltIndex(WorkspaceIndex built, ImmutableArray<string> workspaceFiles, ElaborationOptions elaboration, ImmutableArray<string> projectFiles) =>
        new(Documents, Configuration, Roots, built, [.. Documents.Keys], indexReady: true, DiskIncludes, DiskReader, workspaceFiles, elaboration, projectFiles);

    private ServerState Next(ImmutableDictionary<string, OpenDocument> documents, ServerConfiguration configuration, ImmutableArray<string> roots, IEnumerable<string> changedPaths, bool indexReady)
    {
        // Rebase on the index this state already made, so the next one re-analyses only what changed since.
        var made = _index.IsValueCreated;
        var baseIndex = made ? _index.Value : BaseIndex;
        var pending = (made ? ImmutableHashSet<string>.Empty : Pending).Union(changedPaths);
        return new ServerState(documents, configuration, roots, baseIndex, pending, indexReady, DiskIncludes, DiskReader, WorkspaceFiles, Elaboration, ProjectFiles);
    }
}

/// <summary>
/// Reads open documents from the editor's buffers and everything else through the disk reader. A text longer than
/// the configured limit is refused with a reason (shown as the file's diagnostic): analysing it would hold up every
/// request that needs the index.
/// </summary>
internal sealed class OverlaySourceReader(ImmutableDictionary<string, OpenDocument> documents, ISourceFileReader disk, int maxCharacters) : ISourceFileReader
{
    public SourceReadResult Read(string path, CancellationToken cancellationToken)
    {
        var read = documents.TryGetValue(path, out var document) ? SourceReadResult.Success(document.Text) : disk.Read(path, cancellationToken);
        return read.Text is { } text && text.Length > maxCharacters
            ? SourceReadResult.Failed(SourceReadFailure.Unreadable, FormattableString.Invariant($"file has {text.Length} characters, more than the limit for analysis ({maxCharacters}, setting maxFileCharacters); not analysed"))
            : read;
    }
}

/// <summary>Resolves includes on disk, then serves an open header's buffer instead of its file.</summary>
internal sealed class OverlayIncludeSource(ImmutableDictionary<string, OpenDocument> documents, IIncludeSource disk) : IIncludeSource
{
    public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories)
    {
        var resolved = disk.Resolve(includeName, includingFilePath, includeDirectories);
        return resolved is not null && documents.TryGetValue(resolved.Path, out var document) ? document.Text : resolved;
    }
}
