using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace Hdl.Workspace.Configuration;

/// <summary>
/// One line of a `.gitignore` file or one exclude glob of hdl.json, in git's syntax: `*` and `?` stay inside a
/// folder, `**` crosses folders, `[abc]` is a class, a pattern with a slash before its end is anchored to the folder
/// of the file that holds it (else it matches a name at any depth), a trailing slash matches folders only, and a
/// leading `!` takes a file back.
/// </summary>
public sealed record IgnoreRule(string BaseFolder, string Pattern, bool Negated, bool DirectoryOnly, Regex Matcher)
{
    /// <summary>Whether the rule speaks of a path, given relative to the workspace root with `/` separators.</summary>
    public bool Matches(string relativePath, bool isDirectory)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        if (BaseFolder.Length > 0)
        {
            if (!relativePath.StartsWith(BaseFolder, StringComparison.Ordinal) || relativePath.Length <= BaseFolder.Length || relativePath[BaseFolder.Length] != '/')
            {
                return false;
            }

            relativePath = relativePath[(BaseFolder.Length + 1)..];
        }

        return Matcher.IsMatch(relativePath);
    }
}

/// <summary>
/// An ordered set of ignore rules; as in git, the last rule that matches a path decides. Folders are asked about
/// before their contents, so an ignored folder is never entered (and, as in git, a file in it cannot be taken back).
/// </summary>
public sealed class IgnoreRules
{
    public static readonly IgnoreRules Empty = new([]);

    private IgnoreRules(ImmutableArray<IgnoreRule> rules) => Rules = rules;

    public ImmutableArray<IgnoreRule> Rules { get; }

    /// <summary>Rules from the lines of a `.gitignore` in <paramref name="baseFolder"/> (relative to the root, "" for the root).</summary>
    public static IgnoreRules Parse(string baseFolder, string text)
    {
        ArgumentNullException.ThrowIfNull(baseFolder);
        ArgumentNullException.ThrowIfNull(text);
        var rules = ImmutableArray.CreateBuilder<IgnoreRule>();
        foreach (var line in text.Split('\n'))
        {
            if (ParseLine(baseFolder, line) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new IgnoreRules(rules.ToImmutable());
    }

    /// <summary>Rules from globs (hdl.json excludes), each a line in gitignore syntax relative to the root.</summary>
    public static IgnoreRules FromGlobs(IEnumerable<string> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        return new IgnoreRules([.. globs.Select(glob => ParseLine(string.Empty, glob)).OfType<IgnoreRule>()]);
    }

    public IgnoreRules Concat(IgnoreRules more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return more.Rules.IsEmpty ? this : Rules.IsEmpty ? more : new IgnoreRules(Rules.AddRange(more.Rules));
    }

    /// <summary>Whether a path (relative to the root, `/` separators) is ignored: the last matching rule decides.</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        for (var index = Rules.Length - 1; index >= 0; index--)
        {
            if (Rules[index].Matches(relativePath, isDirectory))
            {
                return !Rules[index].Negated;
            }
        }

        return false;
    }

    private static IgnoreRule? ParseLine(string baseFolder, string line)
    {
        var pattern = line.TrimEnd('\r');

        // Trailing spaces are dropped unless escaped with a backslash.
        while (pattern.EndsWith(' ') && !pattern.EndsWith("\\ ", StringComparison.Ordinal))
        {
            pattern = pattern[..^1];
        }

        if (pattern.Length == 0 || pattern[0] == '#')
        {
            return null;
        }

        var negated = pattern[0] == '!';
        if (negated || pattern.StartsWith("\\!", StringComparison.Ordinal) || pattern.StartsWith("\\#", StringComparison.Ordinal))
        {
            pattern = pattern[1..];
        }

        var directoryOnly = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        if (pattern.Length == 0)
        {
            return null;
        }

        // A slash at the start or in the middle anchors the pattern to its folder; otherwise it matches at any depth.
        var anchored = pattern.Contains('/', StringComparison.Ordinal);
        var body = pattern.TrimStart('/');
        var regex = new StringBuilder("^");
        if (!anchored)
        {
            regex.Append("(?:.*/)?");
        }

        regex.Append(GlobToRegex(body)).Append('$');
        return new IgnoreRule(baseFolder.Trim('/'), line.Trim(), negated, directoryOnly, new Regex(regex.ToString(), RegexOptions.CultureInvariant));
    }

    /// <summary>A glob in git's dialect as a regular expression over a `/`-separated relative path.</summary>
    internal static string GlobToRegex(string glob)
    {
        var regex = new StringBuilder();
        for (var index = 0; index < glob.Length; index++)
        {
            var character = glob[index];
            switch (character)
            {
                case '*' when index + 1 < glob.Length && glob[index + 1] == '*':
                    var atStart = index == 0 || glob[index - 1] == '/';
                    var slashFollows = index + 2 < glob.Length && glob[index + 2] == '/';
                    if (atStart && slashFollows)
                    {
                        // `**/` is zero or more folders.
                        regex.Append("(?:.*/)?");
                        index += 2;
                    }
                    else
                    {
                        regex.Append(".*");
                        index++;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', index + 1);
                    if (close < 0)
                    {
                        regex.Append("\\[");
                        break;
                    }

                    var set = glob[(index + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..].Replace("\\", "\\\\", StringComparison.Ordinal) : set.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    index = close;
                    break;
                case '\\' when index + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[++index].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(character.ToString()));
                    break;
            }
        }

        return regex.ToString();
    }
}
