using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Hdl.Retrieval.Text;

/// <summary>
/// Turns code, comments and queries into the same kind of terms: identifiers split into sub-tokens, each sub-token
/// light-stemmed and mapped through the <see cref="HdlLexicon"/> to its canonical form, English stop words dropped,
/// and language keywords dropped where they are code (a `reg` keyword says nothing, `ctrl_reg` does). Documents and
/// queries go through this one class, so whatever a query says is compared like for like.
/// </summary>
public sealed class TextAnalyzer
{
    private static readonly FrozenSet<string> EnglishStopWords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "from", "into", "onto", "is", "are",
        "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "which", "what", "where", "when",
        "who", "whom", "how", "why", "as", "than", "then", "there", "here", "so", "such", "can", "could", "should", "would",
        "will", "shall", "may", "might", "must", "do", "does", "did", "has", "have", "had", "not", "no", "but", "if", "else",
        "all", "any", "each", "every", "some", "one", "also", "only", "just", "via", "per", "up", "down", "out", "over", "under",
        "we", "you", "they", "he", "she", "them", "our", "your", "their", "i", "me", "my", "find", "show", "get", "gets",
        "given", "used", "use", "uses", "using", "logic", "code", "block", "module", "signal", "which", "whether", "between",
        "about", "after", "before", "while", "once", "until", "other", "both", "same", "own", "very", "more", "most",
    ], StringComparer.Ordinal);

    /// <summary>Verilog, SystemVerilog and VHDL keywords: noise when they appear as code.</summary>
    private static readonly FrozenSet<string> Keywords = FrozenSet.ToFrozenSet(
    [
        "module", "endmodule", "input", "output", "inout", "wire", "reg", "logic", "bit", "integer", "int", "begin", "end",
        "always", "always_ff", "always_comb", "always_latch", "assign", "if", "else", "case", "casez", "casex", "endcase",
        "default", "for", "generate", "endgenerate", "genvar", "parameter", "localparam", "posedge", "negedge", "or", "and",
        "not", "function", "endfunction", "task", "endtask", "initial", "typedef", "enum", "struct", "packed", "unique",
        "priority", "interface", "endinterface", "package", "endpackage", "import", "modport", "signed", "unsigned", "automatic",
        "return", "void", "string", "const", "var", "while", "repeat", "forever", "fork", "join", "unique0", "inside",
        "entity", "architecture", "is", "of", "signal", "variable", "constant", "process", "port", "map", "generic", "in", "out",
        "buffer", "std_logic", "std_logic_vector", "std_ulogic", "std_ulogic_vector", "unsigned", "natural", "positive",
        "boolean", "downto", "to", "others", "when", "then", "elsif", "library", "use", "all", "ieee", "work", "type",
        "subtype", "record", "array", "range", "component", "rising_edge", "falling_edge", "select", "with", "loop", "next",
        "exit", "null", "wait", "until", "after", "report", "severity", "assert", "procedure", "impure", "pure", "shared",
        "body", "xor", "nand", "nor", "xnor", "sll", "srl", "mod", "rem", "abs", "open", "attribute", "alias", "std", "numeric_std",
        "std_logic_1164", "to_unsigned", "to_integer", "resize", "the", "a",
    ], StringComparer.Ordinal);

    public TextAnalyzer(HdlLexicon lexicon)
    {
        Lexicon = lexicon ?? throw new ArgumentNullException(nameof(lexicon));
    }

    public static TextAnalyzer Default { get; } = new(HdlLexicon.Default);

    public HdlLexicon Lexicon { get; }

    /// <summary>
    /// The terms of one identifier: the whole name in lower case (so typing an exact identifier ranks it first) and
    /// its normalised sub-tokens.
    /// </summary>
    public void AnalyzeIdentifier(string identifier, List<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var parts = IdentifierSplitter.Split(identifier);
        if (parts.Length > 1)
        {
            terms.Add(identifier.ToLowerInvariant());
        }

        foreach (var part in parts)
        {
            if (Normalize(part) is { } term)
            {
                terms.Add(term);
            }
        }
    }

    /// <summary>Terms of code: every identifier split and normalised, keywords and numbers dropped.</summary>
    public void AnalyzeCode(string text, List<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var word in Words(text))
        {
            if (!Keywords.Contains(word.ToLowerInvariant()) && !char.IsDigit(word[0]))
            {
                AnalyzeIdentifier(word, terms);
            }
        }
    }

    /// <summary>Terms of prose (comments, queries): stop words dropped, identifiers written in it split like code.</summary>
    public void AnalyzeProse(string text, List<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var word in Words(text))
        {
            if (!EnglishStopWords.Contains(word.ToLowerInvariant()) && !char.IsDigit(word[0]))
            {
                AnalyzeIdentifier(word, terms);
            }
        }
    }

    public ImmutableArray<string> AnalyzeQuery(string query)
    {
        var terms = new List<string>();
        AnalyzeProse(query, terms);
        return [.. terms];
    }

    /// <summary>
    /// A sub-token's canonical form: the lexicon's word for it, else its light stem (plural, -ing, -ed), else the stem
    /// looked up again. Null for stop words and single characters that carry no meaning alone.
    /// </summary>
    public string? Normalize(string subToken)
    {
        ArgumentNullException.ThrowIfNull(subToken);
        if (EnglishStopWords.Contains(subToken))
        {
            return null;
        }

        if (Lexicon.Canonical(subToken) is { } canonical)
        {
            return canonical;
        }

        // Single letters (`_i`, `_o`, `q`) and bare numbers (`8'h00`, `data2`) say nothing a query would ask for.
        if (subToken.Length == 1 || char.IsDigit(subToken[0]))
        {
            return null;
        }

        var stem = Stem(subToken);
        return Lexicon.Canonical(stem) ?? stem;
    }

    /// <summary>Light stemming: enough to meet plural and verb forms, never so much that identifiers blur together.</summary>
    internal static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return UndoubleConsonant(word[..^3]);
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return UndoubleConsonant(word[..^2]);
        }

        if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word[^1] == 's' && word[^2] is not 's' and not 'u' and not 'i')
        {
            return word[..^1];
        }

        return word;
    }

    private static string UndoubleConsonant(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not 'l' and not 's' and not 'z' ? stem[..^1] : stem;

    /// <summary>Identifier-like words of a text: letters, digits, `_` and `$`, starting with a letter, `_` or digit.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var index = 0; index <= text.Length; index++)
        {
            var isWordChar = index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_' || (text[index] == '$' && start >= 0));
            if (isWordChar)
            {
                if (start < 0)
                {
                    start = index;
                }
            }
            else if (start >= 0)
            {
                yield return text[start..index];
                start = -1;
            }
        }
    }
}
