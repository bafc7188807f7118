namespace Hdl.Syntax;

public enum HdlLanguage
{
    Verilog,
    SystemVerilog,
    Vhdl,
}

/// <summary>Language versions whose keyword sets differ (IEEE 1800-2017 Table 22-2, 1076 editions).</summary>
public enum LanguageVersion
{
    Verilog1995,
    Verilog2001,
    Verilog2001NoConfig,
    Verilog2005,
    SystemVerilog2005,
    SystemVerilog2009,
    SystemVerilog2012,
    SystemVerilog2017,
    Vhdl1993,
    Vhdl2008,
}

public static class HdlLanguages
{
    /// <summary>The language of a file by its extension, or null when it is not an HDL source.</summary>
    public static HdlLanguage? FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".v" or ".vh" or ".vlog" or ".verilog" or ".vg" or ".vm" => HdlLanguage.Verilog,
            ".sv" or ".svh" or ".svp" or ".sva" => HdlLanguage.SystemVerilog,
            ".vhd" or ".vhdl" or ".vho" or ".vht" => HdlLanguage.Vhdl,
            _ => null,
        };
    }

    /// <summary>The default version of a language: .v files are Verilog-2005, .sv files SystemVerilog-2017.</summary>
    public static LanguageVersion DefaultVersion(HdlLanguage language) => language switch
    {
        HdlLanguage.Verilog => LanguageVersion.Verilog2005,
        HdlLanguage.SystemVerilog => LanguageVersion.SystemVerilog2017,
        _ => LanguageVersion.Vhdl2008,
    };
}
