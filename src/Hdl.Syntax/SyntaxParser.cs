using Hdl.Syntax.Preprocessor;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;
using Hdl.Syntax.Vhdl;

namespace Hdl.Syntax;

/// <summary>The syntax facade: parse one file of any supported language into an immutable <see cref="SyntaxTree"/>.</summary>
public static class SyntaxParser
{
    /// <summary>
    /// Parses a file. The language comes from <see cref="ParseOptions.Language"/> or the file extension
    /// (unknown extensions parse as SystemVerilog). Never throws for bad input: errors are diagnostics.
    /// </summary>
    /// <param name="includes">Finds `include files; null means includes are reported as not found.</param>
    public static SyntaxTree Parse(SourceText text, ParseOptions? options = null, IIncludeSource? includes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= ParseOptions.Default;
        var language = options.Language ?? HdlLanguages.FromPath(text.Path) ?? HdlLanguage.SystemVerilog;
        return language switch
        {
            HdlLanguage.Vhdl => VhdlParsing.Parse(text, options, cancellationToken),
            _ => SystemVerilogParsing.Parse(text, language, options, includes, cancellationToken),
        };
    }
}
