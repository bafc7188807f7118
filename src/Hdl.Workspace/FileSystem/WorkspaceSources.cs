using System.Collections;
using System.Collections.Immutable;
using Hdl.Syntax;
using Hdl.Syntax.Preprocessor;
using Hdl.Workspace.Configuration;
using Hdl.Workspace.Filelists;
using Hdl.Workspace.Index;

namespace Hdl.Workspace.FileSystem;

/// <summary>
/// What the caller adds to a workspace's own `hdl.json`: the command line of `hdl index`, or the editor's settings.
/// </summary>
public sealed record WorkspaceSourceRequest
{
    /// <summary>The folder whose `hdl.json` is read; its relative paths are relative to it.</summary>
    public required string Root { get; init; }

    /// <summary>Folders or files searched for HDL sources.</summary>
    public ImmutableArray<string> Paths { get; init; } = [];

    /// <summary>
    /// True when <see cref="Paths"/> are only the default (the workspace folder), so filelists in `hdl.json` replace
    /// the search; paths the user named are searched even then.
    /// </summary>
    public bool PathsAreDefault { get; init; }

    /// <summary>Include directories after those of `hdl.json`.</summary>
    public ImmutableArray<string> IncludeDirectories { get; init; } = [];

    /// <summary>Defines that win over a define of the same name in `hdl.json`.</summary>
    public ImmutableArray<MacroDefine> Defines { get; init; } = [];

    /// <summary>Filelists whose paths are relative to the current folder (`-f`).</summary>
    public ImmutableArray<string> Filelists { get; init; } = [];

    /// <summary>Filelists whose paths are relative to their own folder (`-F`).</summary>
    public ImmutableArray<string> FilelistsRelativeToThemselves { get; init; } = [];
}

/// <summary>The sources of a workspace and how to read them, gathered from disk.</summary>
public sealed record WorkspaceSources(
    string Root,
    WorkspaceConfiguration Configuration,
    ImmutableArray<string> Files,
    ImmutableArray<string> DiscoveredFiles,
    ImmutableArray<string> IncludeDirectories,
    bool IncludeDirectoriesInferred,
    ImmutableArray<MacroDefine> Defines,
    ImmutableDictionary<string, string> VhdlLibraryByPath,
    ImmutableArray<ConfigurationError> ConfigurationErrors,
    ImmutableArray<string> Problems,
    ImmutableArray<FilelistWarning> FilelistWarnings)
{
    /// <summary>Top units named in `hdl.json`.</summary>
    public ImmutableArray<string> Tops => Configuration.Tops;

    /// <summary>The filelists `hdl.json` names, resolved against the root: editing one changes the workspace's sources.</summary>
    public ImmutableArray<string> ProjectFilelists { get; init; } = [];

    public WorkspaceIndexOptions IndexOptions(LanguageVersion vhdlVersion, int maxDegreeOfParallelism) => new()
    {
        Preprocessor = PreprocessorOptions.Default with { IncludeDirectories = IncludeDirectories, Defines = Defines },
        VhdlVersion = vhdlVersion,
        VhdlLibraryByPath = VhdlLibraryByPath,
        MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism),
    };

    /// <summary>
    /// `hdl.json` first (include dirs, defines, filelists, excludes, .gitignore, VHDL libraries), then the caller's
    /// additions; sources come from the filelists and from searching the paths (headers are only included); with no
    /// include directory at all, the folders holding headers become the include directories (zero configuration).
    /// </summary>
    public static WorkspaceSources Gather(WorkspaceSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = ImmutableArray.CreateBuilder<string>();
        var filelistWarnings = ImmutableArray.CreateBuilder<FilelistWarning>();
        var root = request.Root;
        var (configuration, configurationErrors) = DiskConfigurationLoader.Load(root);

        var inRoot = (string path) => FilelistReader.ResolvePath(root == "." ? string.Empty : root, path);
        var inputs = ReadInputs(
            [.. configuration.IncludeDirectories.Select(inRoot), .. request.IncludeDirectories],
            [.. configuration.Defines.Where(define => !request.Defines.Any(mine => mine.Name == define.Name)), .. request.Defines],
            request.Filelists,
            [.. configuration.Filelists.Select(inRoot), .. request.FilelistsRelativeToThemselves],
            problems,
            filelistWarnings);

        // Filelists in hdl.json name the sources: the default folder is then not searched (paths named explicitly still are).
        var paths = !configuration.Filelists.IsEmpty && request.PathsAreDefault ? [] : request.Paths;
        var discoveryOptions = new FileDiscoveryOptions
        {
            Excludes = IgnoreRules.FromGlobs(configuration.Exclude),
            RespectGitIgnore = configuration.RespectGitIgnore,
        };
        var discovered = HdlFileDiscovery.Discover(paths, discoveryOptions, cancellationToken);
        foreach (var missing in discovered.MissingPaths)
        {
            problems.Add($"no such file or directory: '{missing}'");
        }

        var (sources, headers) = IncludeDirectoryInference.SplitHeaders(discovered.Files);
        var inferred = inputs.IncludeDirectories.IsEmpty && !headers.IsEmpty;
        inputs = inputs with
        {
            Files = inputs.Files.AddRange(sources),
            IncludeDirectories = inferred ? IncludeDirectoryInference.FoldersOf(headers) : inputs.IncludeDirectories,
        };
        var files = inputs.DistinctFiles();
        return new WorkspaceSources(
            root,
            configuration,
            files,
            discovered.Files,
            inputs.IncludeDirectories,
            inferred,
            inputs.Defines,
            LibraryMapping.Map(root, files, configuration.Libraries),
            configurationErrors,
            problems.ToImmutable(),
            filelistWarnings.ToImmutable())
        {
            ProjectFilelists = [.. configuration.Filelists.Select(inRoot)],
        };
    }

    /// <summary>
    /// Include dirs and defines as given, then the filelists (`-f` relative to the current folder, `-F` to their
    /// own); unreadable filelists and filelist warnings are collected for the caller.
    /// </summary>
    public static SourceInputs ReadInputs(
        ImmutableArray<string> includeDirectories,
        ImmutableArray<MacroDefine> defines,
        ImmutableArray<string> filelists,
        ImmutableArray<string> filelistsRelativeToThemselves,
        ICollection<string> problems,
        ICollection<FilelistWarning> filelistWarnings)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(filelistWarnings);
        var inputs = SourceInputs.Empty with
        {
            IncludeDirectories = [.. includeDirectories.Select(FilelistReader.NormalizePath)],
            Defines = defines,
        };
        var environment = ReadEnvironment();
        foreach (var (path, pathBase) in filelists.Select(path => (path, FilelistPathBase.CurrentDirectory))
                     .Concat(filelistsRelativeToThemselves.Select(path => (path, FilelistPathBase.FilelistFolder))))
        {
            var filelist = DiskFilelistLoader.Load(path, pathBase, environment);
            if (filelist is null)
            {
                problems.Add($"cannot read filelist '{path}'");
                continue;
            }

            inputs = inputs.Add(filelist);
            foreach (var warning in filelist.Warnings)
            {
                filelistWarnings.Add(warning);
            }
        }

        return inputs;
    }

    private static Dictionary<string, string> ReadEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
