using Antlr4.Runtime;
using Hdl.Syntax.Text;
using Hdl.Syntax.Verilog;

namespace Hdl.Syntax.Preprocessor;

/// <summary>
/// Lexes a file for the preprocessor: the one place SystemVerilog text becomes tokens, every channel included (the
/// preprocessor reads newlines, white space and line continuations to delimit directives and macro bodies).
/// </summary>
internal static class PreprocessorLexing
{
    public static List<HdlToken> Lex(SourceText file, CancellationToken cancellationToken)
    {
        var scanner = new SystemVerilogScanner(file);
        var tokens = new List<HdlToken>(file.Length / 4 + 16);
        while (true)
        {
            var token = scanner.NextToken();
            tokens.Add(token);
            if (token.Type == TokenConstants.EOF)
            {
                return tokens;
            }

            if ((tokens.Count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
