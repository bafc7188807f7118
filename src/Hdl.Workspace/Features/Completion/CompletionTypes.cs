using System.Collections.Immutable;
using Hdl.Syntax.Text;

namespace Hdl.Workspace.Features.Completion;

/// <summary>What a completion item names, in one list for both languages; hosts map it to their own kinds.</summary>
public enum CompletionKind
{
    Signal,
    Variable,
    Port,
    Parameter,
    Constant,
    Type,
    EnumMember,
    Field,
    Function,
    Task,
    Module,
    Interface,
    Package,
    Library,
    Instance,
    Keyword,
    Snippet,
    SystemTask,
    SystemFunction,
    Attribute,
    Other,
}

/// <summary>What <see cref="CodeCompletion.Resolve"/> documents for an item: a declaration (by place), a unit, or a fixed word.</summary>
public enum CompletionTopicKind
{
    Declaration,
    Keyword,
    Snippet,
    SystemName,
    Attribute,
    Library,
}

/// <summary>
/// Enough to document an item later, without keeping anything between requests: a declaration's file and the
/// position of its name, or the fixed word or snippet label.
/// </summary>
public sealed record CompletionTopic(CompletionTopicKind Kind, string Name, string? Path, LinePosition Position);

/// <summary>
/// One completion item. <see cref="SortText"/> orders items nearest first (locals, the unit, imports, the workspace,
/// keywords, snippets); <see cref="InsertText"/> is LSP snippet syntax when <see cref="IsSnippet"/> is set.
/// </summary>
public sealed record CompletionEntry(string Label, CompletionKind Kind, string SortText, CompletionTopic Topic)
{
    /// <summary>Type, width, direction, or what a template expands to.</summary>
    public string? Detail { get; init; }

    public string? InsertText { get; init; }

    public bool IsSnippet { get; init; }

    public string? FilterText { get; init; }
}

/// <param name="Items">Items that match the typed prefix, nearest first, at most <see cref="CompletionOptions.MaxItems"/>.</param>
/// <param name="IsIncomplete">More items matched than were returned: the editor asks again as the user types.</param>
/// <param name="ReplaceStart">Where the typed prefix starts: items replace the text from there to the cursor.</param>
/// <param name="Level">The code level the cursor is at (module item, statement, expression...).</param>
public sealed record CompletionResult(ImmutableArray<CompletionEntry> Items, bool IsIncomplete, LinePosition ReplaceStart, CodeLevel Level);

/// <param name="MaxItems">How many items one answer carries at most; the rest make the list incomplete.</param>
public sealed record CompletionOptions(int MaxItems)
{
    public static readonly CompletionOptions Default = new(MaxItems: 200);
}

/// <summary>One parameter of a signature: its text and where it sits in the signature's label.</summary>
public sealed record SignatureParameter(string Label, int Start, int End, string? Documentation);

/// <summary>A unit's port or parameter list, or a subprogram's arguments, as one label with its parameters marked.</summary>
public sealed record SignatureEntry(string Label, ImmutableArray<SignatureParameter> Parameters, string? Documentation);

/// <param name="ActiveParameter">The parameter the cursor is in (by name when written `.name(` or `name =>`, else by position); null when none fits.</param>
public sealed record SignatureHelpResult(ImmutableArray<SignatureEntry> Signatures, int ActiveSignature, int? ActiveParameter);
