using System.Collections.Immutable;
using Hdl.Design.Binding;
using Hdl.Design.Model;
using Hdl.Design.Verilog;
using Hdl.Design.Vhdl;
using Hdl.Syntax;
using Hdl.Syntax.Diagnostics;

namespace Hdl.Design;

/// <summary>The design model of one file: its units and the diagnostics found while building them.</summary>
public sealed record DesignFile(string Path, HdlLanguage Language, ImmutableArray<DesignUnitSymbol> Units, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>Builds the language-neutral design model from syntax trees of any supported language.</summary>
public static class DesignModel
{
    /// <param name="vhdlLibrary">The library VHDL units are compiled into (`work` unless the workspace maps the file elsewhere).</param>
    public static DesignFile Build(SyntaxTree tree, CancellationToken cancellationToken, string vhdlLibrary = "work")
    {
        ArgumentNullException.ThrowIfNull(tree);
        var units = tree.Language switch
        {
            HdlLanguage.Vhdl => VhdlModelBuilder.Build(tree, vhdlLibrary, cancellationToken),
            _ => SystemVerilogModelBuilder.Build(tree, cancellationToken),
        };
        units = tree.Language == HdlLanguage.Vhdl
            ? VhdlBinder.Bind(tree, units, cancellationToken)
            : SystemVerilogBinder.Bind(tree, units, cancellationToken);
        return new DesignFile(tree.Text.Path, tree.Language, units, []);
    }
}
