using System.Collections.Immutable;
using Hdl.Syntax;

namespace Hdl.Workspace.Configuration;

/// <summary>The VHDL library of each VHDL file, from the `libraries` globs of hdl.json (the first library that matches wins).</summary>
public static class LibraryMapping
{
    public static ImmutableDictionary<string, string> Map(
        string root,
        IEnumerable<string> files,
        ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> libraries)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(files);
        if (libraries.IsDefaultOrEmpty)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        // Globs read as exclude rules do: "this file belongs here" is the same question as "this file is left out".
        var globs = libraries.Select(library => (library.Key, Rules: IgnoreRules.FromGlobs(library.Value))).ToArray();
        var map = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (HdlLanguages.FromPath(file) != HdlLanguage.Vhdl)
            {
                continue;
            }

            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var (library, rules) in globs)
            {
                if (rules.IsIgnored(relative, isDirectory: false))
                {
                    map[file] = library;
                    break;
                }
            }
        }

        return map.ToImmutable();
    }
}
