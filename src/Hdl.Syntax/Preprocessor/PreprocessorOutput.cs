using System.Collections.Immutable;
using Hdl.Syntax.Diagnostics;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// What the preprocessor hands the parser: the default-channel tokens after directives, macros and
/// includes (ending with EOF), the file's comments, diagnostics, and facts for the editor.
/// </summary>
internal sealed record PreprocessorOutput(
    List<HdlToken> Tokens,
    List<HdlToken> Comments,
    ImmutableArray<Diagnostic> Diagnostics,
    PreprocessorFacts Facts,
    IReadOnlyDictionary<string, TextSpan> IncludeSites);
