using System.Collections.Immutable;
using System.Text;
using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.Tests.Index;

/// <summary>
/// Files of a multi-file fixture held in memory: `//- /rtl/top.sv` starts a file (the meta line is stripped).
/// Serves the index as source reader and include source; counts reads so tests can see what was re-read.
/// </summary>
internal sealed class MemoryWorkspace : ISourceFileReader, IIncludeSource
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public MemoryWorkspace(string fixture)
    {
        string? current = null;
        var content = new StringBuilder();
        foreach (var line in fixture.Split('\n'))
        {
            if (line.StartsWith("//- ", StringComparison.Ordinal))
            {
                Store(current, content);
                current = line[4..].Trim();
                content.Clear();
                continue;
            }

            content.Append(line).Append('\n');
        }

        Store(current ?? "/top.sv", content);
    }

    /// <summary>Source files in fixture order; headers (.svh, .vh) are only included.</summary>
    public ImmutableArray<string> Sources => [.. _order.Where(path => !IncludeDirectoryInference.IsHeader(path))];

    public void Write(string path, string text)
    {
        if (!_files.ContainsKey(path))
        {
            _order.Add(path);
        }

        _files[path] = text;
    }

    public void Delete(string path)
    {
        _files.Remove(path);
        _order.Remove(path);
    }

    public WorkspaceIndex BuildIndex(WorkspaceIndexOptions? options = null) =>
        WorkspaceIndex.Build(Sources, options ?? WorkspaceIndexOptions.Default with { MaxDegreeOfParallelism = 2 }, this, this, null, CancellationToken.None);

    public SourceReadResult Read(string path, CancellationToken cancellationToken) =>
        _files.TryGetValue(path, out var text)
            ? SourceReadResult.Success(SourceText.From(path, text))
            : SourceReadResult.Failed(SourceReadFailure.NotFound, "file not found");

    /// <summary>An include resolves to the fixture file whose path ends with the included name.</summary>
    public SourceText? Resolve(string includeName, string includingFilePath, ImmutableArray<string> includeDirectories)
    {
        foreach (var (path, text) in _files)
        {
            if (path.EndsWith("/" + includeName, StringComparison.Ordinal))
            {
                return SourceText.From(path, text);
            }
        }

        return null;
    }

    private void Store(string? path, StringBuilder content)
    {
        if (path is not null && (content.Length > 0 || !_files.ContainsKey(path)))
        {
            Write(path, content.ToString());
        }
    }
}
