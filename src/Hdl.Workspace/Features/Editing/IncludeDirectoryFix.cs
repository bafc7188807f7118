using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Configuration;

namespace Hdl.Workspace.Features.Editing;

/// <summary>
/// HDL1101 (include not found) when the file exists elsewhere in the workspace: add the folder that holds it to
/// `includeDirs` in `hdl.json`, creating the file when there is none. When `hdl.json` names no include directories
/// the workspace infers them from the folders holding headers; the fix writes those too, so adding one does not
/// switch the others off.
/// </summary>
internal static class IncludeDirectoryFix
{
    public static IEnumerable<CodeActionItem> Compute(CodeActionRequest request, Diagnostic diagnostic)
    {
        if (request.ConfigurationRoot is not { } root || diagnostic.Arguments.IsDefaultOrEmpty)
        {
            yield break;
        }

        var includeName = diagnostic.Arguments[0].Replace('\\', '/');
        var folders = request.WorkspaceFiles
            .Select(path => path.Replace('\\', '/'))
            .Where(path => path.EndsWith("/" + includeName, StringComparison.Ordinal))
            .Select(path => path[..^(includeName.Length + 1)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var configurationPath = Path.Combine(root, WorkspaceConfiguration.FileName);
        var existing = request.ReadFile(configurationPath);
        foreach (var folder in folders)
        {
            var relative = Relative(root, folder);
            var change = existing is null
                ? new TextChange(configurationPath, default, default, NewConfiguration([.. Inferred(request, root), relative]))
                : AddToConfiguration(configurationPath, existing, relative, Inferred(request, root));
            if (change is null)
            {
                continue;
            }

            yield return new CodeActionItem($"Add include directory '{relative}' to {WorkspaceConfiguration.FileName}", CodeActionKind.QuickFix, [change])
            {
                CreatedFiles = existing is null ? [configurationPath] : [],
                Fixes = diagnostic,
                IsPreferred = true,
            };
        }
    }

    private static ImmutableArray<string> Inferred(CodeActionRequest request, string root) =>
        [.. request.Index.Options.Preprocessor.IncludeDirectories.Select(directory => Relative(root, directory))];

    private static string Relative(string root, string folder)
    {
        var relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
        return relative.Length == 0 ? "." : relative;
    }

    private static string NewConfiguration(IEnumerable<string> directories) =>
        $"{{\n  \"includeDirs\": [{string.Join(", ", directories.Distinct(StringComparer.Ordinal).Select(Quote))}]\n}}\n";

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>An insertion into the existing `includeDirs` array, or a new `includeDirs` field after the opening brace; null when the file is not a JSON object.</summary>
    private static TextChange? AddToConfiguration(string path, string text, string directory, ImmutableArray<string> inferred)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var source = SourceText.From(path, text);
        LinePosition At(long byteOffset) => source.Lines.GetPosition(Encoding.UTF8.GetCharCount(bytes, 0, (int)byteOffset));
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var objectStart = reader.TokenStartIndex;
            var empty = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                empty = false;
                var name = reader.GetString();
                reader.Read();
                if (name != "includeDirs" || reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                var items = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String && reader.GetString()?.Replace('\\', '/').TrimEnd('/') == directory)
                    {
                        // Already listed (the header is then missing for another reason): nothing to add.
                        return null;
                    }

                    items++;
                    reader.Skip();
                }

                var at = At(reader.TokenStartIndex);
                return new TextChange(path, at, at, items == 0 ? Quote(directory) : ", " + Quote(directory));
            }

            var insert = At(objectStart + 1);
            var field = $"\n  \"includeDirs\": [{string.Join(", ", inferred.Append(directory).Distinct(StringComparer.Ordinal).Select(Quote))}]{(empty ? "\n" : ",")}";
            return new TextChange(path, insert, insert, field);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
