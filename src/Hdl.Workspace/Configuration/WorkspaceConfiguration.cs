using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Hdl.Syntax.Preprocessor;

namespace Hdl.Workspace.Configuration;

/// <summary>
/// What `hdl.json` at the workspace root says. Every field is optional and an absent file means all defaults, so a
/// folder works with no configuration. Paths and globs are relative to the root.
/// </summary>
public sealed record WorkspaceConfiguration
{
    public const string FileName = "hdl.json";

    public static readonly WorkspaceConfiguration Empty = new();

    /// <summary>Folders searched for `include files; when empty they are inferred from the folders holding headers.</summary>
    public ImmutableArray<string> IncludeDirectories { get; init; } = [];

    public ImmutableArray<MacroDefine> Defines { get; init; } = [];

    /// <summary>Filelists (.f), paths in them relative to the filelist's folder. When given, they name the sources and the folder is not searched.</summary>
    public ImmutableArray<string> Filelists { get; init; } = [];

    /// <summary>Globs in .gitignore syntax for files and folders to leave out.</summary>
    public ImmutableArray<string> Exclude { get; init; } = [];

    /// <summary>VHDL library name and the globs of the files compiled into it; other VHDL files go to `work`.</summary>
    public ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> Libraries { get; init; } = [];

    /// <summary>Top units for elaboration; empty means every unit nobody instantiates.</summary>
    public ImmutableArray<string> Tops { get; init; } = [];

    /// <summary>Whether `.gitignore` files are respected (default true).</summary>
    public bool RespectGitIgnore { get; init; } = true;
}

/// <summary>A problem in hdl.json, at its line and column (one-based).</summary>
public sealed record ConfigurationError(string Path, int Line, int Column, string Message)
{
    public override string ToString() => $"{Path}:{Line}:{Column}: {Message}";
}

/// <summary>
/// Reads hdl.json text. Comments and trailing commas are allowed (people annotate configuration). A malformed
/// file or a field of the wrong type is an error with its line and column; unknown fields are errors too, since a
/// misspelt field silently doing nothing is worse. Whatever could be read is still returned.
/// </summary>
public static class WorkspaceConfigurationReader
{
    public static (WorkspaceConfiguration Configuration, ImmutableArray<ConfigurationError> Errors) Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var errors = ImmutableArray.CreateBuilder<ConfigurationError>();
        var configuration = WorkspaceConfiguration.Empty;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(Error(path, bytes, reader.TokenStartIndex, "hdl.json must hold one JSON object"));
                return (configuration, errors.ToImmutable());
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var nameAt = reader.TokenStartIndex;
                reader.Read();
                switch (name)
                {
                    case "includeDirs":
                        configuration = configuration with { IncludeDirectories = Strings(ref reader, name) };
                        break;
                    case "defines":
                        configuration = configuration with { Defines = Defines(ref reader) };
                        break;
                    case "filelists":
                        configuration = configuration with { Filelists = Strings(ref reader, name) };
                        break;
                    case "exclude":
                        configuration = configuration with { Exclude = Strings(ref reader, name) };
                        break;
                    case "tops":
                        configuration = configuration with { Tops = Strings(ref reader, name) };
                        break;
                    case "libraries":
                        configuration = configuration with { Libraries = Libraries(ref reader) };
                        break;
                    case "gitignore":
                        configuration = configuration with
                        {
                            RespectGitIgnore = reader.TokenType is JsonTokenType.True or JsonTokenType.False
                                ? reader.GetBoolean()
                                : throw new ShapeException("'gitignore' must be true or false"),
                        };
                        break;
                    default:
                        errors.Add(Error(path, bytes, nameAt, $"unknown field '{name}' (known: includeDirs, defines, filelists, exclude, libraries, tops, gitignore)"));
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                errors.Add(Error(path, bytes, reader.TokenStartIndex, "expected a field name or '}'"));
            }
        }
        catch (JsonException exception)
        {
            errors.Add(new ConfigurationError(path, (int)(exception.LineNumber ?? 0) + 1, (int)(exception.BytePositionInLine ?? 0) + 1, Clean(exception.Message)));
        }
        catch (ShapeException exception)
        {
            errors.Add(Error(path, bytes, reader.TokenStartIndex, exception.Message));
        }

        return (configuration, errors.ToImmutable());
    }

    private static ImmutableArray<string> Strings(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ShapeException($"'{field}' must be an array of strings");
        }

        var items = ImmutableArray.CreateBuilder<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new ShapeException($"'{field}' must be an array of strings"));
        }

        return items.ToImmutable();
    }

    /// <summary>`{"NAME": "value", "FLAG": null}` or `["NAME=value", "FLAG"]`.</summary>
    private static ImmutableArray<MacroDefine> Defines(ref Utf8JsonReader reader)
    {
        var defines = ImmutableArray.CreateBuilder<MacroDefine>();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            foreach (var text in Strings(ref reader, "defines"))
            {
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                defines.Add(equals < 0 ? new MacroDefine(text, null) : new MacroDefine(text[..equals], text[(equals + 1)..]));
            }

            return defines.ToImmutable();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ShapeException("'defines' must be an object of NAME: value (or null) or an array of \"NAME=value\"");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            defines.Add(reader.TokenType switch
            {
                JsonTokenType.Null => new MacroDefine(name, null),
                JsonTokenType.String => new MacroDefine(name, reader.GetString()),
                JsonTokenType.Number => new MacroDefine(name, Encoding.UTF8.GetString(reader.ValueSpan)),
                _ => throw new ShapeException($"define '{name}' must be a string, a number or null"),
            });
        }

        return defines.ToImmutable();
    }

    /// <summary>`{"lib": ["glob", ...]}` or `{"lib": "glob"}`.</summary>
    private static ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> Libraries(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ShapeException("'libraries' must be an object of library name: globs");
        }

        var libraries = ImmutableArray.CreateBuilder<KeyValuePair<string, ImmutableArray<string>>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var globs = reader.TokenType == JsonTokenType.String ? [reader.GetString()!] : Strings(ref reader, $"libraries.{name}");
            libraries.Add(new KeyValuePair<string, ImmutableArray<string>>(name, globs));
        }

        return libraries.ToImmutable();
    }

    private static ConfigurationError Error(string path, byte[] bytes, long offset, string message)
    {
        var line = 1;
        var column = 1;
        for (var index = 0; index < offset && index < bytes.Length; index++)
        {
            if (bytes[index] == '\n')
            {
                line++;
                column = 1;
            }
            else if ((bytes[index] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return new ConfigurationError(path, line, column, message);
    }

    /// <summary>The reader's message without its trailing "LineNumber: … | BytePositionInLine: …", which the location already says.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut].TrimEnd();
    }

    private sealed class ShapeException(string message) : Exception(message);
}
