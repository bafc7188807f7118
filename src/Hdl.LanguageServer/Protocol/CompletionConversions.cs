using Hdl.Syntax.Text;
using Hdl.Workspace.Features.Completion;

namespace Hdl.LanguageServer.Protocol;

/// <summary>
/// Conversions of completion and signature help between the workspace's records and LSP's (kept beside
/// <see cref="Conversions"/>, whose positions and ranges they use).
/// </summary>
public static class CompletionConversions
{
    /// <summary>Characters after which the editor asks for completion: members, package scope, system tasks, VHDL attributes.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<string> CompletionTriggers = [".", ":", "$", "'"];

    public static readonly System.Collections.Immutable.ImmutableArray<string> SignatureTriggers = ["(", ","];

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
}
