using System.Collections.Immutable;

namespace Hdl.Workspace.Index;

/// <summary>
/// Zero configuration: when the user names no include directories, the folders that hold header files
/// (.svh, .vh, .vhi, .inc) become the include directories, in the order the headers were found. This is what most
/// repositories mean: `include "defines.svh" written anywhere finds the one folder that has it. Headers are not
/// analysed on their own (they are often fragments that only parse inside the file that includes them).
/// </summary>
public static class IncludeDirectoryInference
{
    private static readonly ImmutableHashSet<string> HeaderExtensions =
        ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, ".svh", ".vh", ".vhi", ".inc", ".svi");

    public static bool IsHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return HeaderExtensions.Contains(Path.GetExtension(path));
    }

    /// <summary>Splits discovered files into sources to analyse and headers that are only included.</summary>
    public static (ImmutableArray<string> Sources, ImmutableArray<string> Headers) SplitHeaders(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sources = ImmutableArray.CreateBuilder<string>();
        var headers = ImmutableArray.CreateBuilder<string>();
        foreach (var file in files)
        {
            (IsHeader(file) ? headers : sources).Add(file);
        }

        return (sources.ToImmutable(), headers.ToImmutable());
    }

    /// <summary>The distinct folders of the given headers, first-seen order.</summary>
    public static ImmutableArray<string> FoldersOf(IEnumerable<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var folders = ImmutableArray.CreateBuilder<string>();
        foreach (var header in headers)
        {
            var folder = Path.GetDirectoryName(header);
            folder = string.IsNullOrEmpty(folder) ? "." : folder;
            if (seen.Add(folder))
            {
                folders.Add(folder);
            }
        }

        return folders.ToImmutable();
    }
}
