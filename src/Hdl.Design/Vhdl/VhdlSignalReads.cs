using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using Hdl.Design.Model;
using Hdl.Design.Syntax;
using Hdl.Syntax;

namespace Hdl.Design.Vhdl;

/// <summary>
/// Finds the signals a VHDL expression reads. VHDL writes calls, indexing and type conversions alike (`f(x)`),
/// so a name followed by parentheses is a signal with a select unless it names a standard function or type,
/// or a subprogram the caller knows; the arguments are read either way. Attributes (`clk'event`) read their prefix.
/// </summary>
internal sealed class VhdlSignalReads(IReadOnlySet<string> localSubprograms)
{
    /// <summary>Functions and types of the standard packages that are called or converted to, never signals.</summary>
    private static readonly FrozenSet<string> StandardCallables = new[]
    {
        "rising_edge", "falling_edge", "now", "to_unsigned", "to_signed", "to_integer", "to_natural", "unsigned", "signed",
        "std_logic_vector", "std_ulogic_vector", "std_logic", "std_ulogic", "bit_vector", "bit", "integer", "natural", "positive",
        "real", "time", "boolean", "character", "string", "resize", "shift_left", "shift_right", "rotate_left", "rotate_right",
        "to_stdlogicvector", "to_stdulogicvector", "to_bitvector", "to_bit", "to_x01", "to_x01z", "to_ux01", "to_01", "is_x",
        "std_match", "conv_integer", "conv_std_logic_vector", "conv_unsigned", "conv_signed", "ext", "sxt", "to_string",
        "to_hstring", "to_ostring", "minimum", "maximum", "and_reduce", "or_reduce", "xor_reduce", "nand_reduce", "nor_reduce",
        "xnor_reduce", "find_leftmost", "find_rightmost", "abs", "sqrt", "ceil", "floor", "round", "log2", "to_sfixed", "to_ufixed",
        "to_real", "image", "endfile", "readline", "writeline", "read", "write", "hread", "hwrite", "deallocate", "file_open", "file_close",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public ImmutableArray<SignalUse> Collect(SyntaxNode expression)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        Walk(expression, uses);
        return uses.ToImmutable();
    }

    /// <summary>The signals a target writes: a name, or each name of an aggregate target.</summary>
    public ImmutableArray<SignalUse> CollectTargets(SyntaxNode target)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        foreach (var name in target.Descendants("name"))
        {
            if (NameUse(name, uses: null) is { } use)
            {
                uses.Add(use);
            }
        }

        return uses.ToImmutable();
    }

    /// <summary>Signals read by the index expressions of a target (`mem(addr) &lt;= d` reads addr).</summary>
    public ImmutableArray<SignalUse> CollectIndexReads(SyntaxNode target)
    {
        var uses = ImmutableArray.CreateBuilder<SignalUse>();
        foreach (var suffix in target.DescendantsAndSelf())
        {
            if (suffix.Kind == "name_suffix" && suffix.ChildNode("association_list") is { } arguments)
            {
                Walk(arguments, uses);
            }
        }

        return uses.ToImmutable();
    }

    private void Walk(SyntaxNode node, ImmutableArray<SignalUse>.Builder uses)
    {
        if (node.Kind == "name")
        {
            var use = NameUse(node, uses);
            if (use is not null)
            {
                uses.Add(use);
            }

            return;
        }

        if (node.Kind is "subtype_indication" or "type_mark" or "allocator")
        {
            return;
        }

        foreach (var child in node.ChildNodes)
        {
            Walk(child, uses);
        }
    }

    /// <summary>
    /// One name: `a`, `r.f`, `v(3 downto 0)`, `clk'event`. Arguments of parentheses are walked as reads into
    /// <paramref name="uses"/> when given. Null when the name is a call of a known function or a type conversion.
    /// </summary>
    private SignalUse? NameUse(SyntaxNode name, ImmutableArray<SignalUse>.Builder? uses)
    {
        var identifier = name.ChildNode("identifier");
        if (identifier is null)
        {
            return null;
        }

        var path = new StringBuilder(identifier.Text);
        var select = new StringBuilder();
        var isCall = false;
        foreach (var suffix in name.Children("name_suffix"))
        {
            if (suffix.ChildNode("association_list") is { } arguments)
            {
                if (uses is not null)
                {
                    Walk(arguments, uses);
                }

                var calleeName = path.ToString();
                var lastPart = calleeName[(calleeName.LastIndexOf('.') + 1)..];
                if (select.Length == 0 && (StandardCallables.Contains(lastPart) || localSubprograms.Contains(lastPart)))
                {
                    isCall = true;
                }

                select.Append('(').Append(arguments.CompactText()).Append(')');
            }
            else if (suffix.ChildNode("suffix") is { } selected)
            {
                if (select.Length == 0)
                {
                    path.Append('.').Append(selected.Text);
                }
                else
                {
                    select.Append('.').Append(selected.Text);
                }
            }
            else if (suffix.ChildNode("aggregate") is { } qualified)
            {
                // A qualified expression `t'(...)`: the type is not read; the aggregate is.
                if (uses is not null)
                {
                    Walk(qualified, uses);
                }

                return null;
            }

            // Attribute suffixes (`'event`, `'length`) read the prefix and add nothing to the name.
        }

        if (isCall)
        {
            return null;
        }

        return new SignalUse(path.ToString(), select.Length == 0 ? null : select.ToString(), name.Location);
    }
}
