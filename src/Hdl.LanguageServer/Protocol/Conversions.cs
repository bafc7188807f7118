using System.Collections.Immutable;
using System.Text;
using Hdl.Syntax.Text;
using Hdl.Workspace.Features;
using Hdl.Workspace.Features.Completion;
using HdlDiagnostic = Hdl.Syntax.Diagnostics.Diagnostic;
using HdlSeverity = Hdl.Syntax.Diagnostics.DiagnosticSeverity;

namespace Hdl.LanguageServer.Protocol;

/// <summary>How paths are written on the machine the server runs on: drive letters and backslashes, or POSIX.</summary>
public enum PathStyle
{
    Posix,
    Windows,
}

/// <summary>
/// Every conversion between LSP values and the workspace's (STYLE §6): positions (both UTF-16, so only clamping),
/// ranges, file URIs with percent-encoding and Windows drive letters, symbol kinds, severities, tags, completion items
/// and signature help.
/// </summary>
public static class Conversions
{
    public static PathStyle CurrentPathStyle => OperatingSystem.IsWindows() ? PathStyle.Windows : PathStyle.Posix;

    public static LinePosition ToLinePosition(Position position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return new LinePosition(Math.Max(0, position.Line), Math.Max(0, position.Character));
    }

    public static Position ToPosition(LinePosition position) => new(position.Line, position.Character);

    public static Range ToRange(Location location) => new(ToPosition(location.Start), ToPosition(location.End));

    public static Range ToRange(LinePosition start, LinePosition end) => new(ToPosition(start), ToPosition(end));

    /// <summary>The offset of an LSP position in a text; positions past a line's end or past the end of the file clamp.</summary>
    public static int ToOffset(SourceText text, Position position)
    {
        ArgumentNullException.ThrowIfNull(text);
        var linePosition = ToLinePosition(position);
        var offset = text.Lines.GetOffset(linePosition);
        if (linePosition.Line >= text.Lines.LineCount)
        {
            return offset;
        }

        // LSP: a character past the end of a line means the end of that line, before its line break.
        var lineEnd = text.Lines.GetLineStart(linePosition.Line);
        while (lineEnd < text.Length && text.Text[lineEnd] is not ('\n' or '\r'))
        {
            lineEnd++;
        }

        return Math.Min(offset, lineEnd);
    }

    public static TextSpan ToSpan(SourceText text, Range range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var start = ToOffset(text, range.Start);
        var end = ToOffset(text, range.End);
        return end >= start ? TextSpan.FromBounds(start, end) : TextSpan.FromBounds(end, start);
    }

    /// <summary>
    /// The local path of a `file:` URI, or null for any other scheme (untitled buffers, remote files). Percent escapes
    /// decode as UTF-8; `file:///c%3A/x` becomes `c:\x` on Windows; a host makes a UNC path there.
    /// </summary>
    public static string? ToPath(string uri, PathStyle style)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = uri[5..];
        var authority = string.Empty;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            authority = slash < 0 ? rest[2..] : rest[2..slash];
            rest = slash < 0 ? "/" : rest[slash..];
        }

        var queryOrFragment = rest.IndexOfAny(['?', '#']);
        if (queryOrFragment >= 0)
        {
            rest = rest[..queryOrFragment];
        }

        var path = PercentDecode(rest);
        if (path is null)
        {
            return null;
        }

        authority = PercentDecode(authority) ?? authority;
        if (style == PathStyle.Posix)
        {
            return authority.Length == 0 || authority.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? path : $"//{authority}{path}";
        }

        if (path.Length >= 3 && path[0] == '/' && char.IsAsciiLetter(path[1]) && path[2] == ':')
        {
            path = path[1..];
        }

        path = path.Replace('/', '\\');
        return authority.Length == 0 || authority.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? path : $"\\\\{authority}{path}";
    }

    /// <summary>A `file:` URI for a path: reserved characters percent-encoded, `c:\x` as `file:///c%3A/x` (VS Code's form).</summary>
    public static string ToUri(string path, PathStyle style)
    {
        ArgumentNullException.ThrowIfNull(path);
        var authority = string.Empty;
        if (style == PathStyle.Windows)
        {
            path = path.Replace('\\', '/');
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = path.IndexOf('/', 2);
                authority = slash < 0 ? path[2..] : path[2..slash];
                path = slash < 0 ? "/" : path[slash..];
            }
            else if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
            {
                path = "/" + char.ToLowerInvariant(path[0]) + path[1..];
            }
        }

        var builder = new StringBuilder("file://").Append(authority);
        if (!path.StartsWith('/'))
        {
            builder.Append('/');
        }

        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static int ToSeverity(HdlSeverity severity) => severity switch
    {
        HdlSeverity.Error => 1,
        HdlSeverity.Warning => 2,
        HdlSeverity.Information => 3,
        _ => 4,
    };

    /// <summary>A diagnostic with its code, and its related locations converted through <paramref name="uriOf"/>.</summary>
    public static LspDiagnostic ToDiagnostic(HdlDiagnostic diagnostic, Func<string, string> uriOf)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(uriOf);
        var related = diagnostic.Related.IsDefaultOrEmpty
            ? (ImmutableArray<DiagnosticRelatedInformation>?)null
            : [.. diagnostic.Related.Where(item => !string.IsNullOrEmpty(item.Location.Path))
                .Select(item => new DiagnosticRelatedInformation(new LspLocation(uriOf(item.Location.Path), ToRange(item.Location)), item.Message))];
        return new LspDiagnostic(ToRange(diagnostic.Location), ToSeverity(diagnostic.Severity), diagnostic.Id, "hdl", diagnostic.Message)
        {
            RelatedInformation = related,
        };
    }

    /// <summary>An inactive `ifdef branch: a hint the editor greys out (DiagnosticTag.Unnecessary).</summary>
    public static LspDiagnostic ToInactiveRegionDiagnostic(Location location) =>
        new(ToRange(location), 4, null, "hdl", "inactive preprocessor branch") { Tags = [1] };

    /// <summary>LSP SymbolKind numbers.</summary>
    public static int ToSymbolKind(OutlineKind kind) => kind switch
    {
        OutlineKind.Module or OutlineKind.Entity or OutlineKind.Program => 2, // Module
        OutlineKind.Interface => 11,
        OutlineKind.Package => 4,
        OutlineKind.Class or OutlineKind.Architecture or OutlineKind.Configuration => 5,
        OutlineKind.Port => 7, // Property
        OutlineKind.Parameter or OutlineKind.Constant => 14,
        OutlineKind.Signal or OutlineKind.Variable => 13,
        OutlineKind.Type => 26, // TypeParameter is closest to a type declaration without a class
        OutlineKind.EnumMember => 22,
        OutlineKind.Field => 8,
        OutlineKind.Instance => 19, // Object
        OutlineKind.Process => 24, // Event
        OutlineKind.Function or OutlineKind.Task => 12,
        OutlineKind.Generate => 3, // Namespace: a named scope
        _ => 13,
    };

    public static string ToFoldingKind(FoldingKind kind) => kind switch
    {
        FoldingKind.Comment => "comment",
        _ => "region",
    };

    /// <summary>Semantic token types in legend order; <see cref="ToSemanticTokenType"/> indexes into it.</summary>
    public static readonly ImmutableArray<string> SemanticTokenTypes =
        ["keyword", "comment", "string", "number", "class", "property", "parameter", "variable", "type", "enumMember", "function", "namespace", "macro"];

    public static readonly ImmutableArray<string> SemanticTokenModifiers = ["declaration", "readonly", "defaultLibrary"];

    public static int ToSemanticTokenType(TokenClass tokenClass) => tokenClass switch
    {
        TokenClass.Keyword => 0,
        TokenClass.Comment => 1,
        TokenClass.String => 2,
        TokenClass.Number => 3,
        TokenClass.Unit => 4,
        TokenClass.Port => 5,
        TokenClass.Parameter => 6,
        TokenClass.Signal or TokenClass.Variable => 7,
        TokenClass.Type => 8,
        TokenClass.EnumMember => 9,
        TokenClass.Function or TokenClass.SystemFunction => 10,
        TokenClass.Instance => 11,
        _ => 7,
    };

    /// <summary>LSP's relative encoding: five integers per token (line delta, start delta, length, type, modifiers).</summary>
    public static ImmutableArray<int> ToSemanticTokens(ImmutableArray<ClassifiedSpan> spans)
    {
        var data = ImmutableArray.CreateBuilder<int>(spans.Length * 5);
        var previousLine = 0;
        var previousCharacter = 0;
        foreach (var span in spans)
        {
            var lineDelta = span.Start.Line - previousLine;
            var characterDelta = lineDelta == 0 ? span.Start.Character - previousCharacter : span.Start.Character;
            var modifiers = (span.IsDeclaration ? 1 : 0) | (span.Class == TokenClass.Parameter ? 2 : 0) | (span.Class == TokenClass.SystemFunction ? 4 : 0);
            data.AddRange(lineDelta, characterDelta, span.Length, ToSemanticTokenType(span.Class), modifiers);
            previousLine = span.Start.Line;
            previousCharacter = span.Start.Character;
        }

        return data.ToImmutable();
    }

    private static string? PercentDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    // ---------------------------------------------------------------------------------------------
    // Completion and signature help

    /// <summary>Characters after which the editor asks for completion: members, package scope, system tasks, VHDL attributes.</summary>
    public static readonly ImmutableArray<string> CompletionTriggers = [".", ":", "$", "'"];

    public static readonly ImmutableArray<string> SignatureTriggers = ["(", ","];

    /// <summary>LSP CompletionItemKind numbers.</summary>
    public static int ToCompletionItemKind(CompletionKind kind) => kind switch
    {
        CompletionKind.Signal or CompletionKind.Variable => 6, // Variable
        CompletionKind.Port => 10, // Property
        CompletionKind.Parameter or CompletionKind.Constant => 21, // Constant
        CompletionKind.Type => 25, // TypeParameter
        CompletionKind.EnumMember => 20,
        CompletionKind.Field => 5,
        CompletionKind.Function or CompletionKind.Task or CompletionKind.SystemTask or CompletionKind.SystemFunction => 3, // Function
        CompletionKind.Module => 9, // Module
        CompletionKind.Interface => 8,
        CompletionKind.Package => 9,
        CompletionKind.Library => 19, // Folder
        CompletionKind.Instance => 18, // Reference
        CompletionKind.Keyword => 14,
        CompletionKind.Snippet => 15,
        CompletionKind.Attribute => 10,
        _ => 1, // Text
    };

    public static CompletionItem ToCompletionItem(CompletionEntry entry, Range replace, Func<string, string> uriOf)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(uriOf);
        var topic = entry.Topic;
        return new CompletionItem(entry.Label)
        {
            Kind = ToCompletionItemKind(entry.Kind),
            Detail = entry.Detail,
            SortText = entry.SortText,
            FilterText = entry.FilterText,
            InsertTextFormat = entry.IsSnippet ? 2 : 1,
            TextEdit = new TextEdit(replace, entry.InsertText ?? entry.Label),
            Data = new CompletionItemData(topic.Kind.ToString(), topic.Name, topic.Path is null ? null : uriOf(topic.Path), topic.Position.Line, topic.Position.Character),
        };
    }

    /// <summary>The workspace topic an item's data names; null when the data is missing or not ours.</summary>
    public static CompletionTopic? ToTopic(CompletionItemData? data, Func<string, string?> pathOf)
    {
        ArgumentNullException.ThrowIfNull(pathOf);
        if (data is null || !Enum.TryParse<CompletionTopicKind>(data.Topic, out var kind))
        {
            return null;
        }

        var path = data.Uri is null ? null : pathOf(data.Uri);
        return new CompletionTopic(kind, data.Name, path, new LinePosition(Math.Max(0, data.Line), Math.Max(0, data.Character)));
    }

    public static SignatureHelp ToSignatureHelp(SignatureHelpResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SignatureHelp(
            [.. result.Signatures.Select(signature => new SignatureInformation(
                signature.Label,
                signature.Documentation is null ? null : new MarkupContent("markdown", signature.Documentation),
                [.. signature.Parameters.Select(parameter => new ParameterInformation([parameter.Start, parameter.End], parameter.Documentation is null ? null : new MarkupContent("markdown", parameter.Documentation)))]))],
            result.ActiveSignature,
            result.ActiveParameter);
    }

    // ---------------------------------------------------------------------------------------------
    // Inlay hints and code actions

    public static InlayHint ToInlayHint(InlayHintItem hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        return new InlayHint(ToPosition(hint.Position), hint.Label, hint.Kind == InlayHintKind.Type ? 1 : 2, hint.PaddingLeft ? true : null, hint.PaddingRight ? true : null);
    }

    /// <summary>The code action kinds the server offers: quick fixes, and rewrites such as filling an instance's ports.</summary>
    public static readonly ImmutableArray<string> CodeActionKinds = ["quickfix", "refactor.rewrite"];

    /// <summary>A workspace code action as LSP's, tied to the client's own diagnostic of the same code and start when it sent one.</summary>
    public static CodeAction ToCodeAction(CodeActionItem action, ImmutableArray<LspDiagnostic> clientDiagnostics, Func<string, string> uriOf)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(uriOf);
        ImmutableArray<LspDiagnostic>? diagnostics = null;
        if (action.Fixes is { } fixes)
        {
            var range = ToRange(fixes.Location);
            var client = clientDiagnostics.IsDefault ? null : clientDiagnostics.FirstOrDefault(diagnostic => diagnostic.Code == fixes.Id && diagnostic.Range.Start == range.Start);
            diagnostics = [client ?? ToDiagnostic(fixes, uriOf)];
        }

        var edits = action.Changes
            .GroupBy(change => uriOf(change.Path))
            .Select(group => (Uri: group.Key, Edits: group.Select(change => new TextEdit(ToRange(change.Start, change.End), change.NewText)).ToImmutableArray()))
            .ToList();
        var edit = action.CreatedFiles.IsEmpty
            ? new CodeActionEdit(edits.ToImmutableDictionary(entry => entry.Uri, entry => entry.Edits), null)
            : new CodeActionEdit(null, [
                .. action.CreatedFiles.Select(file => (object)new CreateFile(uriOf(file), new CreateFileOptions(Overwrite: false, IgnoreIfExists: true))),
                .. edits.Select(entry => (object)new TextDocumentEdit(new OptionalVersionedTextDocumentIdentifier(entry.Uri, null), entry.Edits))]);
        return new CodeAction(action.Title, action.Kind == CodeActionKind.QuickFix ? CodeActionKinds[0] : CodeActionKinds[1], diagnostics, action.IsPreferred ? true : null, edit);
    }
}
