namespace Hdl.Workspace.Features.Completion;

/// <summary>Where in the code the cursor is, which decides the keywords and snippets that fit there.</summary>
public enum CodeLevel
{
    /// <summary>Outside any design unit: where `module`, `package`, VHDL `library`, `use`, `entity` go.</summary>
    Outside,

    /// <summary>SV: a module, interface or package body item (declarations, `assign`, `always`, instances).</summary>
    ModuleItem,

    /// <summary>SV: inside a procedural block or subprogram, where a statement starts.</summary>
    Statement,

    /// <summary>Inside an expression (after `=`, `(`, an operator...): only names, functions and literals fit.</summary>
    Expression,

    /// <summary>After a name at an item or statement start (`logic [7:0] `, `state_t `): a new name is being written.</summary>
    AfterName,

    /// <summary>VHDL: a declarative part (before `begin` of an architecture, process, subprogram; a package).</summary>
    VhdlDeclarative,

    /// <summary>VHDL: the statement part of an architecture, block or generate.</summary>
    VhdlConcurrent,

    /// <summary>VHDL: the statement part of a process or subprogram.</summary>
    VhdlSequential,
}

/// <summary>What the characters right before the cursor ask for.</summary>
internal enum CursorTrigger
{
    /// <summary>In a comment or a string: nothing is offered.</summary>
    None,

    /// <summary>A plain name (possibly empty) is being typed.</summary>
    Name,

    /// <summary>After `a.b.`: a member of what the chain names (struct/record field, instance item, VHDL `lib.` / `lib.pkg.`).</summary>
    Member,

    /// <summary>After `pkg::`.</summary>
    PackageScope,

    /// <summary>`$name`: a system task or function.</summary>
    SystemName,

    /// <summary>`.name` at the start of an instance's connection (`u (.a(x), .`): a formal port or parameter.</summary>
    NamedConnection,

    /// <summary>VHDL `x'`: an attribute.</summary>
    Attribute,
}

/// <summary>
/// The text before the cursor, read the way completion needs it: the word being typed, what precedes it, the code
/// level, and the regions (blocks, subprograms, processes) already closed, whose locals are out of scope.
/// </summary>
internal sealed class CursorContext
{
    private static readonly HashSet<string> ExpressionPunctuation =
        ["=", "<=", "(", ",", "[", "?", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "==", "!=", "/=", "&&", "||", "<", ">", ">=", "<<", ">>", "{", "+=", "-=", "->", "**", ":", "=>", ":=", "@", "#"];

    private static readonly HashSet<string> SvExpressionWords = new(StringComparer.Ordinal) { "return", "assign", "inside", "posedge", "negedge", "or", "iff", "if", "while", "repeat", "wait" };

    private static readonly HashSet<string> VhdlExpressionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "elsif", "when", "and", "or", "xor", "nand", "nor", "xnor", "not", "until", "while", "return", "mod", "rem", "to", "downto", "select", "report", "severity", "in", "abs", "else",
    };

    private CursorContext(bool vhdl, string prefix, int prefixStart, List<TextToken> tokens, CodeLevel level, List<(int Start, int End)> closed)
    {
        IsVhdl = vhdl;
        Prefix = prefix;
        PrefixStart = prefixStart;
        Tokens = tokens;
        Level = level;
        ClosedRegions = closed;
    }

    public bool IsVhdl { get; }

    /// <summary>The part of the name already typed (with its `$` for system names).</summary>
    public string Prefix { get; }

    public int PrefixStart { get; }

    /// <summary>Tokens from the scan start up to the prefix.</summary>
    public List<TextToken> Tokens { get; }

    public CodeLevel Level { get; private set; }

    /// <summary>Blocks, subprograms and processes that ended before the cursor: what they declare is not visible.</summary>
    public List<(int Start, int End)> ClosedRegions { get; }

    public CursorTrigger Trigger { get; private set; } = CursorTrigger.Name;

    /// <summary>For <see cref="CursorTrigger.Member"/>: the names of the chain before the last `.`; for a package scope, the package.</summary>
    public List<string> Chain { get; } = [];

    public StringComparison Comparison => IsVhdl ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static CursorContext Analyse(string text, int cursor, int scanStart, bool vhdl)
    {
        cursor = Math.Clamp(cursor, 0, text.Length);
        var prefixStart = cursor;
        while (prefixStart > 0 && TextTokens.IsIdentifierPart(text[prefixStart - 1]))
        {
            prefixStart--;
        }

        if (!vhdl && prefixStart > 0 && text[prefixStart - 1] == '$')
        {
            prefixStart--;
        }

        var tokens = TextTokens.Lex(text, Math.Min(scanStart, prefixStart), prefixStart, vhdl, out var inCommentOrString);
        var closed = new List<(int Start, int End)>();
        var level = vhdl ? VhdlLevel(tokens, closed) : SystemVerilogLevel(tokens, closed);
        var context = new CursorContext(vhdl, text[prefixStart..cursor], prefixStart, tokens, level, closed);
        if (inCommentOrString)
        {
            context.Trigger = CursorTrigger.None;
            return context;
        }

        context.FindTrigger();
        return context;
    }

    /// <summary>The token <paramref name="back"/> places before the prefix (1 = the last one), or null.</summary>
    public TextToken? Before(int back = 1) => Tokens.Count >= back ? Tokens[^back] : null;

    private void FindTrigger()
    {
        if (Prefix.StartsWith('$'))
        {
            Trigger = CursorTrigger.SystemName;
            return;
        }

        var last = Before();
        if (last is { } separator && separator.Is("::") && Before(2) is { Kind: TextTokenKind.Identifier } package)
        {
            Trigger = CursorTrigger.PackageScope;
            Chain.Add(package.Text);
            Level = CodeLevel.Expression;
            return;
        }

        if (last is { } tick && tick.Is("'") && (!IsVhdl || Before(2) is { Kind: TextTokenKind.Identifier } or { Text: ")" }))
        {
            // VHDL attributes; in SV a tick starts a literal (`8'h`, `'0`), where nothing is offered.
            Trigger = CursorTrigger.Attribute;
            return;
        }

        if (last is not { } dot || !dot.Is("."))
        {
            if (last is { } previous && IsExpressionStart(previous))
            {
                Level = CodeLevel.Expression;
            }
            else if (Level is CodeLevel.ModuleItem or CodeLevel.Statement && last is { Kind: TextTokenKind.Identifier } word && !IsStatementWord(word.Text))
            {
                Level = CodeLevel.AfterName;
            }
            else if (Level is CodeLevel.ModuleItem or CodeLevel.Statement && last is { Text: "]" })
            {
                Level = CodeLevel.AfterName;
            }

            return;
        }

        if (!IsVhdl && Before(2) is { } opener && (opener.Is("(") || opener.Is(",")))
        {
            Trigger = CursorTrigger.NamedConnection;
            Level = CodeLevel.Expression;
            return;
        }

        // Walk the chain back: identifiers joined by `.`, with selects (`a[i].b`) skipped.
        var at = Tokens.Count - 2;
        while (at >= 0)
        {
            if (Tokens[at].Is("]"))
            {
                at = SkipBalanced(Tokens, at, "[", "]");
                continue;
            }

            if (Tokens[at].Is(")") && IsVhdl)
            {
                at = SkipBalanced(Tokens, at, "(", ")");
                continue;
            }

            if (Tokens[at].Kind != TextTokenKind.Identifier)
            {
                break;
            }

            Chain.Insert(0, Tokens[at].Text);
            if (at > 0 && Tokens[at - 1].Is("."))
            {
                at -= 2;
                continue;
            }

            break;
        }

        Trigger = Chain.Count > 0 ? CursorTrigger.Member : CursorTrigger.Name;
        Level = CodeLevel.Expression;
    }

    private bool IsExpressionStart(TextToken token)
    {
        if (token.Kind == TextTokenKind.Punctuation)
        {
            // In a case item `IDLE: ` a statement follows the colon.
            return ExpressionPunctuation.Contains(token.Text) && !(token.Text == ":" && Level == CodeLevel.Statement)
                && !(token.Text == "<=" && IsVhdl && Level == CodeLevel.VhdlDeclarative);
        }

        return token.Kind == TextTokenKind.Identifier && (IsVhdl ? VhdlExpressionWords.Contains(token.Text) : SvExpressionWords.Contains(token.Text));
    }

    private bool IsStatementWord(string word) =>
        word is "begin" or "end" or "else" or "endcase" or "join" or "join_any" or "join_none" or "default" or "generate" or "endgenerate" or "do" or "forever";

    private static int SkipBalanced(List<TextToken> tokens, int close, string open, string closeText)
    {
        var depth = 0;
        for (var at = close; at >= 0; at--)
        {
            if (tokens[at].Is(closeText))
            {
                depth++;
            }
            else if (tokens[at].Is(open) && --depth == 0)
            {
                return at - 1;
            }
        }

        return -1;
    }

    private enum Frame
    {
        Unit,
        Subprogram,

        /// <summary>The single statement of an always/initial without `begin`: it ends at its `;`.</summary>
        ProceduralStatement,
        ProceduralBlock,
        GenerateBlock,
        Case,
    }

    private static CodeLevel SystemVerilogLevel(List<TextToken> tokens, List<(int Start, int End)> closed)
    {
        var stack = new List<(Frame Kind, int Start)>();
        for (var at = 0; at < tokens.Count; at++)
        {
            var token = tokens[at];
            if (token.Is(";"))
            {
                if (stack.Count > 0 && stack[^1].Kind == Frame.ProceduralStatement)
                {
                    Close(stack, closed, token.End);
                }

                continue;
            }

            if (token.Kind != TextTokenKind.Identifier)
            {
                continue;
            }

            var previous = at > 0 ? tokens[at - 1] : default;
            switch (token.Text)
            {
                case "module" or "interface" or "program" or "package" or "class" or "checker" or "macromodule"
                    when !(previous.Kind == TextTokenKind.Identifier && previous.Text is "virtual" or "interface" or "extern" or "typedef") && !previous.Is("."):
                    stack.Add((Frame.Unit, token.Start));
                    break;
                case "endmodule" or "endinterface" or "endprogram" or "endpackage" or "endclass" or "endchecker":
                    CloseThrough(stack, closed, Frame.Unit, token.End);
                    break;
                case "function" or "task" when !(previous.Kind is TextTokenKind.String || previous.Text is "extern" or "import" or "export" or "pure" or "virtual" && !IsDeclarationStart(tokens, at)):
                    stack.Add((Frame.Subprogram, token.Start));
                    break;
                case "endfunction" or "endtask":
                    CloseThrough(stack, closed, Frame.Subprogram, token.End);
                    break;
                case "always" or "always_ff" or "always_comb" or "always_latch" or "initial" or "final":
                    stack.Add((Frame.ProceduralStatement, token.Start));
                    break;
                case "begin" or "fork" when previous.Text is not ("wait" or "disable"):
                    stack.Add((IsProcedural(stack) ? Frame.ProceduralBlock : Frame.GenerateBlock, token.Start));
                    break;
                case "case" or "casez" or "casex" or "randcase":
                    stack.Add((Frame.Case, token.Start));
                    break;
                case "end" or "join" or "join_any" or "join_none":
                    if (stack.Count > 0 && stack[^1].Kind is Frame.ProceduralBlock or Frame.GenerateBlock)
                    {
                        Close(stack, closed, token.End);
                        CloseSingleStatement(stack, closed, token.End);
                    }

                    break;
                case "endcase":
                    CloseThrough(stack, closed, Frame.Case, token.End);
                    CloseSingleStatement(stack, closed, token.End);
                    break;
                default:
                    break;
            }
        }

        if (stack.Count == 0)
        {
            return CodeLevel.Outside;
        }

        return IsProcedural(stack) ? CodeLevel.Statement : CodeLevel.ModuleItem;
    }

    private static bool IsDeclarationStart(List<TextToken> tokens, int at) => at > 1 && tokens[at - 1].Text == "virtual" && tokens[at - 2].Text != "pure";

    private static bool IsProcedural(List<(Frame Kind, int Start)> stack)
    {
        foreach (var (kind, _) in stack)
        {
            if (kind is Frame.Subprogram or Frame.ProceduralStatement or Frame.ProceduralBlock or Frame.Case)
            {
                return true;
            }
        }

        return false;
    }

    private static void CloseSingleStatement(List<(Frame Kind, int Start)> stack, List<(int Start, int End)> closed, int end)
    {
        if (stack.Count > 0 && stack[^1].Kind == Frame.ProceduralStatement)
        {
            Close(stack, closed, end);
        }
    }

    private static void Close<T>(List<(T Kind, int Start)> stack, List<(int Start, int End)> closed, int end)
    {
        closed.Add((stack[^1].Start, end));
        stack.RemoveAt(stack.Count - 1);
    }

    private static void CloseThrough<T>(List<(T Kind, int Start)> stack, List<(int Start, int End)> closed, T kind, int end)
        where T : struct, Enum
    {
        var found = stack.FindLastIndex(frame => frame.Kind.Equals(kind));
        while (found >= 0 && stack.Count > found)
        {
            Close(stack, closed, end);
        }
    }

    private enum VhdlFrame
    {
        Design,
        Entity,
        Package,

        /// <summary>`function f ...` until `is` (a body follows) or `;` (a declaration only).</summary>
        PendingSubprogram,
        Subprogram,
        Process,
        Block,
        Generate,
    }

    private static CodeLevel VhdlLevel(List<TextToken> tokens, List<(int Start, int End)> closed)
    {
        var stack = new List<(VhdlFrame Kind, int Start)>();
        var begun = new HashSet<int>();
        for (var at = 0; at < tokens.Count; at++)
        {
            var token = tokens[at];
            if (token.Is(";"))
            {
                if (stack.Count > 0 && stack[^1].Kind == VhdlFrame.PendingSubprogram)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                continue;
            }

            if (token.Kind != TextTokenKind.Identifier)
            {
                continue;
            }

            switch (token.Text.ToLowerInvariant())
            {
                case "end":
                    {
                        var next = at + 1 < tokens.Count ? tokens[at + 1].Text.ToLowerInvariant() : string.Empty;
                        if (next is "if" or "case" or "loop" or "record" or "units" or "component" or "protected" or "for")
                        {
                            at++;
                            break;
                        }

                        if (stack.Count > 0)
                        {
                            begun.Remove(stack.Count - 1);
                            Close(stack, closed, token.End);
                        }

                        if (next is "process" or "generate" or "block" or "function" or "procedure" or "architecture" or "entity" or "package")
                        {
                            at++;
                            if (next == "package" && at + 1 < tokens.Count && tokens[at + 1].IsWord("body", ignoreCase: true))
                            {
                                at++;
                            }
                        }

                        break;
                    }

                case "architecture":
                    stack.Add((VhdlFrame.Design, token.Start));
                    break;
                case "entity" when at == 0 || tokens[at - 1].Text != ":":
                    stack.Add((VhdlFrame.Entity, token.Start));
                    break;
                case "package" when !(at + 2 < tokens.Count && tokens[at + 2].IsWord("new", ignoreCase: true)):
                    stack.Add((VhdlFrame.Package, token.Start));
                    break;
                case "process":
                    stack.Add((VhdlFrame.Process, token.Start));
                    break;
                case "block":
                    stack.Add((VhdlFrame.Block, token.Start));
                    break;
                case "generate":
                    stack.Add((VhdlFrame.Generate, token.Start));
                    break;
                case "function" or "procedure":
                    stack.Add((VhdlFrame.PendingSubprogram, token.Start));
                    break;
                case "is" when stack.Count > 0 && stack[^1].Kind == VhdlFrame.PendingSubprogram:
                    stack[^1] = (VhdlFrame.Subprogram, stack[^1].Start);
                    break;
                case "begin" when stack.Count > 0:
                    begun.Add(stack.Count - 1);
                    break;
                default:
                    break;
            }
        }

        if (stack.Count == 0)
        {
            return CodeLevel.Outside;
        }

        var top = stack[^1];
        if (!begun.Contains(stack.Count - 1))
        {
            return top.Kind == VhdlFrame.Generate ? CodeLevel.VhdlConcurrent : top.Kind == VhdlFrame.PendingSubprogram ? CodeLevel.Expression : CodeLevel.VhdlDeclarative;
        }

        return top.Kind is VhdlFrame.Process or VhdlFrame.Subprogram ? CodeLevel.VhdlSequential : CodeLevel.VhdlConcurrent;
    }
}
