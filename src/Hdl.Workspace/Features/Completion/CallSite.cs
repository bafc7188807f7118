namespace Hdl.Workspace.Features.Completion;

internal enum CallSiteKind
{
    /// <summary>The port list of an instance: `u (...)`, VHDL `port map (...)`.</summary>
    InstancePorts,

    /// <summary>The parameter list of an instance: `m #(...)`, VHDL `generic map (...)`.</summary>
    InstanceParameters,

    /// <summary>A function, task or procedure call, or a system task.</summary>
    Call,
}

/// <summary>
/// The innermost open argument list around the cursor: what it belongs to (a unit's ports or parameters, a
/// subprogram), which argument the cursor is in, by position and, when written `.name(` or `name =>`, by name.
/// </summary>
/// <param name="Target">The unit or subprogram name; <paramref name="Library"/> is a VHDL `entity lib.e`'s library.</param>
/// <param name="Connected">Formals already named in the list, so completion offers the others.</param>
internal sealed record CallSite(CallSiteKind Kind, string Target, string? Library, int ArgumentIndex, string? NamedArgument, bool InFormalPosition, IReadOnlySet<string> Connected)
{
    /// <summary>Finds the call site around the end of <paramref name="tokens"/> (the tokens up to the cursor).</summary>
    public static CallSite? Find(List<TextToken> tokens, bool vhdl)
    {
        var open = UnmatchedOpen(tokens, tokens.Count - 1);
        while (open > 0)
        {
            // `.port(` of an SV named connection: the port list is one level out, and the cursor is in that port.
            if (!vhdl && open >= 2 && tokens[open - 1].Kind == TextTokenKind.Identifier && tokens[open - 2].Is("."))
            {
                var outer = UnmatchedOpen(tokens, open - 3);
                if (outer > 0 && Classify(tokens, outer, vhdl, endAt: open - 2) is { } named)
                {
                    return named with { NamedArgument = tokens[open - 1].Text, InFormalPosition = false };
                }
            }
            else if (Classify(tokens, open, vhdl) is { } site)
            {
                return site;
            }

            open = UnmatchedOpen(tokens, open - 1);
        }

        return null;
    }

    /// <summary>The index of the `(` that is open at <paramref name="from"/>, or -1.</summary>
    private static int UnmatchedOpen(List<TextToken> tokens, int from)
    {
        var depth = 0;
        for (var at = from; at >= 0; at--)
        {
            var token = tokens[at];
            if (token.Is(")") || token.Is("]") || token.Is("}"))
            {
                depth++;
            }
            else if (token.Is("(") || token.Is("[") || token.Is("{"))
            {
                if (depth == 0)
                {
                    return token.Is("(") ? at : -1;
                }

                depth--;
            }
            else if (token.Is(";") && depth == 0)
            {
                return -1;
            }
        }

        return -1;
    }

    private static CallSite? Classify(List<TextToken> tokens, int open, bool vhdl, int? endAt = null)
    {
        if (open < 1)
        {
            return null;
        }

        var before = tokens[open - 1];
        string? target = null;
        string? library = null;
        CallSiteKind kind;
        if (vhdl && before.IsWord("map", ignoreCase: true) && open >= 2)
        {
            kind = tokens[open - 2].IsWord("generic", ignoreCase: true) ? CallSiteKind.InstanceParameters : CallSiteKind.InstancePorts;
            (target, library) = VhdlInstanceUnit(tokens, open - 2);
        }
        else if (!vhdl && before.Is("#") && open >= 2 && tokens[open - 2].Kind == TextTokenKind.Identifier)
        {
            kind = CallSiteKind.InstanceParameters;
            target = tokens[open - 2].Text;
        }
        else if (!vhdl && before.Kind == TextTokenKind.Identifier && open >= 2 && tokens[open - 2].Kind == TextTokenKind.Identifier && !IsKeyword(tokens[open - 2].Text))
        {
            kind = CallSiteKind.InstancePorts;
            target = tokens[open - 2].Text;
        }
        else if (!vhdl && before.Kind == TextTokenKind.Identifier && open >= 2 && tokens[open - 2].Is(")"))
        {
            // `m #(...) u (`: the unit is before the parameter list.
            var depth = 0;
            var at = open - 2;
            for (; at >= 0; at--)
            {
                if (tokens[at].Is(")"))
                {
                    depth++;
                }
                else if (tokens[at].Is("(") && --depth == 0)
                {
                    break;
                }
            }

            if (at < 2 || !tokens[at - 1].Is("#") || tokens[at - 2].Kind != TextTokenKind.Identifier)
            {
                return null;
            }

            kind = CallSiteKind.InstancePorts;
            target = tokens[at - 2].Text;
        }
        else if (before.Kind is TextTokenKind.Identifier or TextTokenKind.SystemName && !IsKeyword(before.Text))
        {
            kind = CallSiteKind.Call;
            target = before.Text;
        }
        else
        {
            return null;
        }

        if (target is null)
        {
            return null;
        }

        // Split the list into arguments at top-level commas; note the formals named so far.
        var end = endAt ?? tokens.Count;
        var index = 0;
        var segmentStart = open + 1;
        var depthNow = 0;
        var connected = new HashSet<string>(vhdl ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        for (var at = open + 1; at < end; at++)
        {
            var token = tokens[at];
            if (token.Is("(") || token.Is("[") || token.Is("{"))
            {
                depthNow++;
            }
            else if (token.Is(")") || token.Is("]") || token.Is("}"))
            {
                depthNow--;
            }
            else if (depthNow == 0 && token.Is(","))
            {
                index++;
                segmentStart = at + 1;
            }
            else if (depthNow == 0 && FormalAt(tokens, at, end, vhdl) is { } formal)
            {
                connected.Add(formal);
            }
        }

        string? named = null;
        var inFormal = segmentStart >= end;
        if (segmentStart < end)
        {
            named = FormalAt(tokens, segmentStart, end, vhdl);
            inFormal = !vhdl && tokens[segmentStart].Is(".") && end - segmentStart <= 1;
            if (named is null && vhdl && end - segmentStart == 0)
            {
                inFormal = true;
            }
        }

        return new CallSite(kind, target, library, index, named, inFormal, connected);
    }

    /// <summary>`.name` (SV) or `name =>` (VHDL) starting at <paramref name="at"/>.</summary>
    private static string? FormalAt(List<TextToken> tokens, int at, int end, bool vhdl)
    {
        if (!vhdl && tokens[at].Is(".") && at + 1 < end && tokens[at + 1].Kind == TextTokenKind.Identifier && (at == 0 || !tokens[at - 1].Is(")")))
        {
            var previous = at > 0 ? tokens[at - 1] : default;
            return previous.Is("(") || previous.Is(",") ? tokens[at + 1].Text : null;
        }

        if (vhdl && tokens[at].Kind == TextTokenKind.Identifier && at + 1 < end && tokens[at + 1].Is("=>") && at > 0 && (tokens[at - 1].Is("(") || tokens[at - 1].Is(",")))
        {
            return tokens[at].Text;
        }

        return null;
    }

    /// <summary>The unit of a VHDL instance from the `port`/`generic` keyword back to its label: `entity lib.e(arch)`, `component c`, or `c`.</summary>
    private static (string? Unit, string? Library) VhdlInstanceUnit(List<TextToken> tokens, int from)
    {
        var at = from - 1;
        var depth = 0;
        for (; at >= 0; at--)
        {
            var token = tokens[at];
            if (token.Is(")"))
            {
                depth++;
            }
            else if (token.Is("("))
            {
                depth--;
            }
            else if (depth == 0 && (token.Is(":") || token.Is(";")))
            {
                break;
            }
        }

        if (at < 0 || !tokens[at].Is(":"))
        {
            return (null, null);
        }

        var words = new List<string>();
        for (var next = at + 1; next < from; next++)
        {
            if (tokens[next].Is("("))
            {
                break;
            }

            if (tokens[next].Kind == TextTokenKind.Identifier)
            {
                words.Add(tokens[next].Text);
            }
        }

        if (words.Count == 0)
        {
            return (null, null);
        }

        var keyword = words[0].ToLowerInvariant();
        if (keyword is "entity" or "configuration")
        {
            return words.Count >= 3 ? (words[2], words[1]) : words.Count == 2 ? (words[1], (string?)null) : ((string?)null, (string?)null);
        }

        return keyword == "component" ? (words.Count >= 2 ? words[1] : null, (string?)null) : (words[0], (string?)null);
    }

    private static bool IsKeyword(string word) =>
        word is "if" or "for" or "while" or "case" or "casez" or "casex" or "foreach" or "repeat" or "assign" or "always" or "always_ff" or "always_comb"
            or "always_latch" or "initial" or "begin" or "end" or "else" or "return" or "module" or "function" or "task" or "posedge" or "negedge" or "or"
            or "and" or "not" or "wait" or "process" or "elsif" or "when" or "until" or "input" or "output" or "inout" or "logic" or "wire" or "reg";
}
