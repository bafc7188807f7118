using System.Collections.Immutable;
using Hdl.Syntax;
using Hdl.Workspace.Configuration;
using Hdl.Workspace.Filelists;

namespace Hdl.Workspace.FileSystem;

/// <summary>The files a set of paths stands for, and the paths that do not exist.</summary>
public sealed record FileDiscoveryResult(ImmutableArray<string> Files, ImmutableArray<string> MissingPaths);

/// <summary>What a folder walk leaves out besides the tool folders: excludes (relative to each folder walked) and `.gitignore` files.</summary>
public sealed record FileDiscoveryOptions
{
    public static readonly FileDiscoveryOptions Default = new();

    public IgnoreRules Excludes { get; init; } = IgnoreRules.Empty;

    public bool RespectGitIgnore { get; init; } = true;
}

/// <summary>
/// Expands the paths a user gives into HDL source files: a file stands for itself (whatever its extension, since
/// the user named it), a folder for every HDL file below it by extension, in ordinal order so runs are repeatable.
/// Tool and build folders are skipped because they hold copies or generated files, never the design.
/// </summary>
public static class HdlFileDiscovery
{
    private static readonly ImmutableHashSet<string> SkippedFolderNames =
        ImmutableHashSet.Create(StringComparer.Ordinal, ".git", ".hg", ".svn", "node_modules", "obj", "bin", ".hdl");

    public static FileDiscoveryResult Discover(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        Discover(paths, FileDiscoveryOptions.Default, cancellationToken);

    public static FileDiscoveryResult Discover(IEnumerable<string> paths, FileDiscoveryOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        var files = ImmutableArray.CreateBuilder<string>();
        var missing = ImmutableArray.CreateBuilder<string>();
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(path))
            {
                AddFolder(FilelistReader.NormalizePath(path), options, files, cancellationToken);
            }
            else if (File.Exists(path))
            {
                files.Add(FilelistReader.NormalizePath(path));
            }
            else
            {
                missing.Add(path);
            }
        }

        return new FileDiscoveryResult(files.ToImmutable(), missing.ToImmutable());
    }

    private static void AddFolder(string folder, FileDiscoveryOptions options, ImmutableArray<string>.Builder files, CancellationToken cancellationToken)
    {
        // Each folder carries the rules in force there: the excludes, then every .gitignore from the root down.
        var pending = new Stack<(string Folder, string Relative, IgnoreRules Rules)>();
        pending.Push((folder, string.Empty, options.Excludes));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (current, relative, rules) = pending.Pop();
            if (options.RespectGitIgnore && ReadGitIgnore(current, relative) is { } own)
            {
                rules = rules.Concat(own);
            }

            string[] entries;
            string[] subfolders;
            try
            {
                entries = Directory.GetFiles(current);
                subfolders = Directory.GetDirectories(current);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder holds nothing we can parse; the rest of the tree still counts.
                continue;
            }

            Array.Sort(entries, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (HdlLanguages.FromPath(entry) is not null && !rules.IsIgnored(Join(relative, Path.GetFileName(entry)), isDirectory: false))
                {
                    files.Add(FilelistReader.NormalizePath(entry));
                }
            }

            // Pushed in reverse so folders are visited in ordinal order, depth first.
            Array.Sort(subfolders, StringComparer.Ordinal);
            for (var index = subfolders.Length - 1; index >= 0; index--)
            {
                var name = Path.GetFileName(subfolders[index]);
                var subfolder = Join(relative, name);
                if (!SkippedFolderNames.Contains(name) && !rules.IsIgnored(subfolder, isDirectory: true) && !IsLink(subfolders[index]))
                {
                    pending.Push((subfolders[index], subfolder, rules));
                }
            }
        }
    }

    private static string Join(string relative, string name) => relative.Length == 0 ? name : $"{relative}/{name}";

    /// <summary>The rules of the folder's .gitignore; an unreadable one counts as absent.</summary>
    private static IgnoreRules? ReadGitIgnore(string folder, string relative)
    {
        var path = Path.Combine(folder, ".gitignore");
        try
        {
            return File.Exists(path) ? IgnoreRules.Parse(relative, File.ReadAllText(path)) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Folder links are not followed (as ripgrep and git do not): in real repositories they point back into the
    /// same tree (verilog-ethernet's example designs link `lib/eth` to the repository root), so following them
    /// loops forever or finds every file twice. A folder named on the command line is still read.
    /// </summary>
    private static bool IsLink(string folder)
    {
        try
        {
            return new DirectoryInfo(folder).LinkTarget is not null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
