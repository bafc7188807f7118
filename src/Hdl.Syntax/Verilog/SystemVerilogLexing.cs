using Antlr4.Runtime;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Verilog;

/// <summary>Runs the generated lexer over one file and returns every token, trivia included.</summary>
internal static class SystemVerilogLexing
{
    public static List<HdlToken> Lex(SourceText file, CancellationToken cancellationToken)
    {
        var lexer = new SystemVerilogLexer(new AntlrInputStream(file.Text));
        lexer.RemoveErrorListeners();
        lexer.TokenFactory = new HdlTokenFactory(file);
        var tokens = new List<HdlToken>(file.Length / 4 + 16);
        while (true)
        {
            var token = (HdlToken)lexer.NextToken();
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
