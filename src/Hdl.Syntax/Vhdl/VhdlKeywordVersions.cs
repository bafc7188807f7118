namespace Hdl.Syntax.Vhdl;

/// <summary>
/// Which reserved words each VHDL edition has (IEEE 1076-2008 15.10 against 1076-1993 13.9). The lexer always
/// produces keyword tokens for the 2008 set; in a 1993 file the 2008-only ones become identifiers, so
/// `signal context : bit;` parses there. `protected` (1076-2000) stays reserved in 1993 mode because
/// "93" code in practice is 93/2002 code that uses protected types.
/// </summary>
internal static class VhdlKeywordVersions
{
    /// <summary>Indexed by lexer token type: true for reserved words that 1076-1993 does not reserve.</summary>
    private static readonly bool[] NewIn2008 = BuildTable();

    /// <summary>True when the token type is a reserved word that the version does not reserve.</summary>
    public static bool IsInactiveKeyword(int tokenType, LanguageVersion version) =>
        version < LanguageVersion.Vhdl2008 && tokenType > 0 && tokenType < NewIn2008.Length && NewIn2008[tokenType];

    private static bool[] BuildTable()
    {
        int[] introducedIn2008 =
        [
            VhdlLexer.ASSUME, VhdlLexer.ASSUME_GUARANTEE, VhdlLexer.CONTEXT, VhdlLexer.COVER, VhdlLexer.DEFAULT,
            VhdlLexer.FAIRNESS, VhdlLexer.FORCE, VhdlLexer.PARAMETER, VhdlLexer.PROPERTY, VhdlLexer.RELEASE,
            VhdlLexer.RESTRICT, VhdlLexer.RESTRICT_GUARANTEE, VhdlLexer.SEQUENCE, VhdlLexer.STRONG, VhdlLexer.VMODE,
            VhdlLexer.VPROP, VhdlLexer.VUNIT,
        ];
        var maxType = 0;
        foreach (var type in introducedIn2008)
        {
            maxType = Math.Max(maxType, type);
        }

        var table = new bool[maxType + 1];
        foreach (var type in introducedIn2008)
        {
            table[type] = true;
        }

        return table;
    }
}
