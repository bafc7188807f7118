using System.Collections.Frozen;
using System.Text;
using Hdl.Syntax.Preprocessor;

namespace Hdl.Workspace.Filelists;

/// <summary>What relative paths inside a filelist are relative to.</summary>
public enum FilelistPathBase
{
    /// <summary>`-f`: the current directory, as verilator and most simulators do.</summary>
    CurrentDirectory,

    /// <summary>`-F`: the folder holding the filelist.</summary>
    FilelistFolder,
}

/// <summary>
/// Reads simulator filelists (`.f`) as verilator, Icarus and the commercial simulators write them: comments
/// (`//`, `#`, `/* */`), `+incdir+`, `+define+`, `+libext+`, `-I`, `-D`, `-y`, `-v`, nested `-f`/`-F`,
/// `$VAR`/`${VAR}` expansion and quoted paths. Pure: nested files are read through the context, so it runs in memory.
/// Unknown options are ignored with a warning, because a filelist written for one tool carries that tool's flags.
/// </summary>
public static class FilelistReader
{
    /// <summary>Options of other tools that take a separate argument: skipped together with it.</summary>
    private static readonly FrozenSet<string> OptionsWithArgument = FrozenSet.Create(
        StringComparer.Ordinal,
        "-timescale", "--timescale", "-top", "--top", "--top-module", "-o", "-Mdir", "--Mdir", "-s", "-L", "-work",
        "--prefix", "-l", "-sv_lib", "-sv_root", "-j", "--threads", "-CFLAGS", "-LDFLAGS", "-G", "--language");

    public static Filelist Read(string text, string filelistPath, FilelistPathBase pathBase, FilelistContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(filelistPath);
        ArgumentNullException.ThrowIfNull(context);
        var builder = new Builder(context);
        builder.ReadFile(text, NormalizePath(filelistPath), pathBase, depth: 0);
        return builder.ToFilelist();
    }

    /// <summary>Joins a relative path to a base folder ("" is the current directory) and normalises it.</summary>
    public static string ResolvePath(string baseDirectory, string path)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || baseDirectory.Length == 0)
        {
            return NormalizePath(path);
        }

        return NormalizePath(Path.Join(baseDirectory, path));
    }

    /// <summary>
    /// Removes `.` and `x/..` segments and repeated separators without touching the disk, so relative paths stay
    /// relative (they print shorter in diagnostics) and the same file is spelt one way.
    /// </summary>
    public static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return path;
        }

        var unified = path.Replace('\\', '/');
        var rooted = unified.StartsWith('/');
        var segments = new List<string>();
        foreach (var segment in unified.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment == ".." && rooted)
            {
                continue;
            }

            segments.Add(segment);
        }

        var joined = string.Join('/', segments);
        if (rooted)
        {
            return "/" + joined;
        }

        return joined.Length == 0 ? "." : joined;
    }

    private readonly record struct Word(string Text, int Line);

    /// <summary>Accumulates what the top filelist and its nested ones say, in order.</summary>
    private sealed class Builder(FilelistContext context)
    {
        private readonly List<string> _files = [];
        private readonly List<string> _includeDirectories = [];
        private readonly List<MacroDefine> _defines = [];
        private readonly List<string> _libraryDirectories = [];
        private readonly List<string> _libraryExtensions = [];
        private readonly List<string> _libraryFiles = [];
        private readonly List<FilelistWarning> _warnings = [];
        private readonly Stack<string> _openFilelists = new();

        public Filelist ToFilelist() => new(
            [.. _files], [.. _includeDirectories], [.. _defines], [.. _libraryDirectories], [.. _libraryExtensions],
            [.. _libraryFiles], [.. _warnings]);

        public void ReadFile(string text, string filelistPath, FilelistPathBase pathBase, int depth)
        {
            _openFilelists.Push(filelistPath);
            var baseDirectory = pathBase == FilelistPathBase.FilelistFolder
                ? Path.GetDirectoryName(filelistPath) ?? string.Empty
                : context.CurrentDirectory;
            // Names of nested filelists are written relative to the base of the filelist that names them.
            var words = Tokenize(text, filelistPath);
            for (var index = 0; index < words.Count; index++)
            {
                var word = words[index];
                var value = word.Text;
                string? TakeArgument(string option)
                {
                    if (index + 1 < words.Count)
                    {
                        index++;
                        return words[index].Text;
                    }

                    Warn(filelistPath, word.Line, $"option '{option}' needs an argument");
                    return null;
                }

                if (value.StartsWith("+incdir+", StringComparison.Ordinal))
                {
                    foreach (var directory in SplitPlus(value["+incdir+".Length..]))
                    {
                        _includeDirectories.Add(ResolvePath(baseDirectory, directory));
                    }
                }
                else if (value.StartsWith("+define+", StringComparison.Ordinal))
                {
                    foreach (var define in SplitPlus(value["+define+".Length..]))
                    {
                        _defines.Add(ParseDefine(define));
                    }
                }
                else if (value.StartsWith("+libext+", StringComparison.Ordinal))
                {
                    _libraryExtensions.AddRange(SplitPlus(value["+libext+".Length..]));
                }
                else if (value.StartsWith('+'))
                {
                    Warn(filelistPath, word.Line, $"ignored unknown option '{value}'");
                }
                else if (value is "-f" or "-F")
                {
                    var nested = TakeArgument(value);
                    if (nested is not null)
                    {
                        ReadNested(ResolvePath(baseDirectory, nested), value == "-F" ? FilelistPathBase.FilelistFolder : FilelistPathBase.CurrentDirectory, filelistPath, word.Line, depth);
                    }
                }
                else if (value is "-I" or "-incdir" or "+incdir")
                {
                    AddIfPresent(_includeDirectories, baseDirectory, TakeArgument(value));
                }
                else if (value.StartsWith("-I", StringComparison.Ordinal))
                {
                    _includeDirectories.Add(ResolvePath(baseDirectory, value[2..]));
                }
                else if (value is "-D" or "-define")
                {
                    var define = TakeArgument(value);
                    if (define is not null)
                    {
                        _defines.Add(ParseDefine(define));
                    }
                }
                else if (value.StartsWith("-D", StringComparison.Ordinal))
                {
                    _defines.Add(ParseDefine(value[2..]));
                }
                else if (value == "-y")
                {
                    AddIfPresent(_libraryDirectories, baseDirectory, TakeArgument(value));
                }
                else if (value == "-v")
                {
                    AddIfPresent(_libraryFiles, baseDirectory, TakeArgument(value));
                }
                else if (OptionsWithArgument.Contains(value))
                {
                    var argument = TakeArgument(value);
                    Warn(filelistPath, word.Line, $"ignored unknown option '{value} {argument}'");
                }
                else if (value.StartsWith('-'))
                {
                    Warn(filelistPath, word.Line, $"ignored unknown option '{value}'");
                }
                else
                {
                    _files.Add(ResolvePath(baseDirectory, value));
                }
            }

            _openFilelists.Pop();
        }

        private void ReadNested(string nestedPath, FilelistPathBase pathBase, string fromPath, int line, int depth)
        {
            if (_openFilelists.Contains(nestedPath))
            {
                Warn(fromPath, line, $"filelist '{nestedPath}' includes itself; not read again");
                return;
            }

            if (depth + 1 > context.MaxNestingDepth)
            {
                Warn(fromPath, line, $"filelists nested deeper than {context.MaxNestingDepth}; '{nestedPath}' not read");
                return;
            }

            var text = context.ReadNestedFile(nestedPath);
            if (text is null)
            {
                Warn(fromPath, line, $"cannot read filelist '{nestedPath}'");
                return;
            }

            ReadFile(text, nestedPath, pathBase, depth + 1);
        }

        private static void AddIfPresent(List<string> target, string baseDirectory, string? path)
        {
            if (path is not null)
            {
                target.Add(ResolvePath(baseDirectory, path));
            }
        }

        private void Warn(string path, int line, string message) => _warnings.Add(new FilelistWarning(path, line, message));

        private static MacroDefine ParseDefine(string text)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? new MacroDefine(text, null) : new MacroDefine(text[..equals], text[(equals + 1)..]);
        }

        private static string[] SplitPlus(string text) => text.Split('+', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>
        /// Splits a filelist into words with their line numbers, dropping comments, stripping the quotes of a quoted
        /// word and expanding environment variables. A comment starts only at the beginning of a word, so paths
        /// such as `a#b` survive.
        /// </summary>
        private List<Word> Tokenize(string text, string filelistPath)
        {
            var words = new List<Word>();
            var line = 1;
            var index = 0;
            var current = new StringBuilder();
            while (index < text.Length)
            {
                var character = text[index];
                if (character == '\n')
                {
                    line++;
                    index++;
                    continue;
                }

                if (char.IsWhiteSpace(character))
                {
                    index++;
                    continue;
                }

                if (character == '#' || (character == '/' && index + 1 < text.Length && text[index + 1] == '/'))
                {
                    while (index < text.Length && text[index] != '\n')
                    {
                        index++;
                    }

                    continue;
                }

                if (character == '/' && index + 1 < text.Length && text[index + 1] == '*')
                {
                    var startLine = line;
                    index += 2;
                    while (index < text.Length && !(text[index] == '*' && index + 1 < text.Length && text[index + 1] == '/'))
                    {
                        if (text[index] == '\n')
                        {
                            line++;
                        }

                        index++;
                    }

                    if (index >= text.Length)
                    {
                        Warn(filelistPath, startLine, "unterminated /* comment");
                    }

                    index = Math.Min(index + 2, text.Length);
                    continue;
                }

                var wordLine = line;
                current.Clear();
                if (character is '"' or '\'')
                {
                    // A quoted word: the quotes go, the spaces inside stay.
                    var quote = character;
                    index++;
                    while (index < text.Length && text[index] != quote)
                    {
                        if (text[index] == '\n')
                        {
                            line++;
                        }

                        current.Append(text[index]);
                        index++;
                    }

                    if (index >= text.Length)
                    {
                        Warn(filelistPath, wordLine, "unterminated quoted word");
                    }

                    index++;
                }
                else
                {
                    // Quotes inside a word (`+define+MSG="a b"`) are kept: they belong to the value.
                    while (index < text.Length && !char.IsWhiteSpace(text[index]))
                    {
                        if (text[index] is '"' or '\'')
                        {
                            var quote = text[index];
                            current.Append(quote);
                            index++;
                            while (index < text.Length && text[index] != quote && text[index] != '\n')
                            {
                                current.Append(text[index]);
                                index++;
                            }

                            if (index < text.Length && text[index] == quote)
                            {
                                current.Append(quote);
                                index++;
                            }

                            continue;
                        }

                        current.Append(text[index]);
                        index++;
                    }
                }

                words.Add(new Word(ExpandEnvironment(current.ToString(), filelistPath, wordLine), wordLine));
            }

            return words;
        }

        /// <summary>`$VAR`, `${VAR}` and `$(VAR)` from the given environment; an unknown variable becomes empty with a warning.</summary>
        private string ExpandEnvironment(string word, string filelistPath, int line)
        {
            if (!word.Contains('$', StringComparison.Ordinal))
            {
                return word;
            }

            var result = new StringBuilder(word.Length);
            var index = 0;
            while (index < word.Length)
            {
                if (word[index] != '$' || index + 1 >= word.Length)
                {
                    result.Append(word[index]);
                    index++;
                    continue;
                }

                string name;
                var next = word[index + 1];
                if (next is '{' or '(')
                {
                    var close = word.IndexOf(next == '{' ? '}' : ')', index + 2);
                    if (close < 0)
                    {
                        result.Append(word[index]);
                        index++;
                        continue;
                    }

                    name = word[(index + 2)..close];
                    index = close + 1;
                }
                else if (char.IsLetter(next) || next == '_')
                {
                    var end = index + 1;
                    while (end < word.Length && (char.IsLetterOrDigit(word[end]) || word[end] == '_'))
                    {
                        end++;
                    }

                    name = word[(index + 1)..end];
                    index = end;
                }
                else
                {
                    result.Append(word[index]);
                    index++;
                    continue;
                }

                if (context.Environment.TryGetValue(name, out var value))
                {
                    result.Append(value);
                }
                else
                {
                    Warn(filelistPath, line, $"environment variable '{name}' is not set; expanded to nothing");
                }
            }

            return result.ToString();
        }
    }
}
