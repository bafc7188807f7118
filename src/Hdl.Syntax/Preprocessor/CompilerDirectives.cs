using System.Collections.Frozen;

namespace Hdl.Syntax.Preprocessor;

/// <summary>What a compiler directive does; <see cref="None"/> means the name is not a directive (so it is a macro use).</summary>
internal enum DirectiveKind
{
    None,
    Define,
    Undef,
    UndefineAll,
    Ifdef,
    Ifndef,
    Elsif,
    Else,
    Endif,
    Include,
    Timescale,
    DefaultNettype,
    ResetAll,
    CellDefine,
    EndCellDefine,
    UnconnectedDrive,
    NoUnconnectedDrive,
    Pragma,
    Line,
    FileMacro,
    LineMacro,
    BeginKeywords,
    EndKeywords,

    /// <summary>Legacy directives (1364-2005 Annex E) that take the rest of the line and change nothing here.</summary>
    IgnoredLine,
}

/// <summary>
/// The compiler directive names (IEEE 1800-2017 §22.1 and the 1364 Annex E directives). They are predefined:
/// a `name with one of these names is never a macro use, and `define of one is an error.
/// </summary>
internal static class CompilerDirectives
{
    private static readonly FrozenDictionary<string, DirectiveKind> ByName = new Dictionary<string, DirectiveKind>(StringComparer.Ordinal)
    {
        ["define"] = DirectiveKind.Define,
        ["undef"] = DirectiveKind.Undef,
        ["undefineall"] = DirectiveKind.UndefineAll,
        ["ifdef"] = DirectiveKind.Ifdef,
        ["ifndef"] = DirectiveKind.Ifndef,
        ["elsif"] = DirectiveKind.Elsif,
        ["else"] = DirectiveKind.Else,
        ["endif"] = DirectiveKind.Endif,
        ["include"] = DirectiveKind.Include,
        ["timescale"] = DirectiveKind.Timescale,
        ["default_nettype"] = DirectiveKind.DefaultNettype,
        ["resetall"] = DirectiveKind.ResetAll,
        ["celldefine"] = DirectiveKind.CellDefine,
        ["endcelldefine"] = DirectiveKind.EndCellDefine,
        ["unconnected_drive"] = DirectiveKind.UnconnectedDrive,
        ["nounconnected_drive"] = DirectiveKind.NoUnconnectedDrive,
        ["pragma"] = DirectiveKind.Pragma,
        ["line"] = DirectiveKind.Line,
        ["__FILE__"] = DirectiveKind.FileMacro,
        ["__LINE__"] = DirectiveKind.LineMacro,
        ["begin_keywords"] = DirectiveKind.BeginKeywords,
        ["end_keywords"] = DirectiveKind.EndKeywords,
        ["default_decay_time"] = DirectiveKind.IgnoredLine,
        ["default_trireg_strength"] = DirectiveKind.IgnoredLine,
        ["delay_mode_distributed"] = DirectiveKind.IgnoredLine,
        ["delay_mode_path"] = DirectiveKind.IgnoredLine,
        ["delay_mode_unit"] = DirectiveKind.IgnoredLine,
        ["delay_mode_zero"] = DirectiveKind.IgnoredLine,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DirectiveKind>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The directive a name (without the backtick) stands for, or <see cref="DirectiveKind.None"/>.</summary>
    public static DirectiveKind Find(ReadOnlySpan<char> name) =>
        BySpan.TryGetValue(name, out var kind) ? kind : DirectiveKind.None;

    public static bool IsDirectiveName(string name) => ByName.ContainsKey(name);
}
