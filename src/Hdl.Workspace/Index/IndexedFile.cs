using System.Collections.Immutable;
using Hdl.Design;
using Hdl.Syntax;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;
using Hdl.Workspace.Parsing;

namespace Hdl.Workspace.Index;

/// <summary>
/// One source file as the index knows it: the hash of the text it was analysed from, what parsing found, and its
/// design model. The syntax tree is not kept: the design model holds everything later stages need, so an index
/// of a large repository stays small.
/// </summary>
public sealed record IndexedFile(
    string Path,
    HdlLanguage? Language,
    FileParseOutcome Outcome,
    string ContentHash,
    int LineCount,
    ImmutableArray<Diagnostic> Diagnostics,
    DesignFile? Design,
    string? Problem)
{
    /// <summary>Files this one includes, as the preprocessor resolved them; a change to any of them re-analyses this file.</summary>
    public ImmutableArray<string> Includes { get; init; } = [];

    /// <summary>Position in analysis order: a later file's VHDL architecture is the "most recently analysed" one.</summary>
    public int Order { get; init; }

    /// <summary>
    /// Spans of the file's `ifdef branches the preprocessor left out (null when the analysis did not record them):
    /// the editor shades them, and with them at hand it need not parse the document again after each edit.
    /// </summary>
    public ImmutableArray<TextSpan>? InactiveRegions { get; init; }

    public int ErrorCount => Count(DiagnosticSeverity.Error) + (Outcome is FileParseOutcome.NotFound or FileParseOutcome.Unreadable or FileParseOutcome.InternalError ? 1 : 0);

    public int WarningCount => Count(DiagnosticSeverity.Warning) + (Outcome is FileParseOutcome.Binary or FileParseOutcome.Unsupported ? 1 : 0);

    private int Count(DiagnosticSeverity severity)
    {
        var count = 0;
        foreach (var diagnostic in Diagnostics)
        {
            if (diagnostic.Severity == severity)
            {
                count++;
            }
        }

        return count;
    }
}
