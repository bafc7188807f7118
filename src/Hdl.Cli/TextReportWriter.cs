using System.Globalization;
using Hdl.Syntax;
using Spectre.Console;

namespace Hdl.Cli;

/// <summary>Renders a parse run as compilers do (`path:line:col: error HDL1001: message`), then a summary table.</summary>
internal static class TextReportWriter
{
    public static void Write(TextWriter output, TextWriter errorOutput, ParseReport report, bool quiet)
    {
        foreach (var problem in report.UsageProblems)
        {
            errorOutput.WriteLine($"hdl: error: {problem}");
        }

        foreach (var warning in report.FilelistWarnings)
        {
            errorOutput.WriteLine(warning.ToString());
        }

        if (!quiet)
        {
            foreach (var file in report.Result.Files)
            {
                if (file.Problem is not null)
                {
                    var severity = file.WarningCount > 0 && file.ErrorCount == 0 ? "warning" : "error";
                    output.WriteLine($"{file.Path}: {severity}: {file.Problem}");
                }

                foreach (var diagnostic in file.Diagnostics)
                {
                    output.WriteLine(diagnostic.ToString());
                }
            }
        }

        WriteSummaryTable(output, report);
        var result = report.Result;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"hdl parse: {result.Files.Length} files, {result.LineCount} lines, {result.ErrorCount} errors, {result.WarningCount} warnings in {report.Elapsed.TotalSeconds:F2} s ({report.LinesPerSecond:F0} lines/s)"));
    }

    private static void WriteSummaryTable(TextWriter output, ParseReport report)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            // Redirected output (files, pipes, CI logs) gets plain text: escape codes there are noise.
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("language");
        table.AddColumn(new TableColumn("files").RightAligned());
        table.AddColumn(new TableColumn("lines").RightAligned());
        table.AddColumn(new TableColumn("errors").RightAligned());
        table.AddColumn(new TableColumn("warnings").RightAligned());
        foreach (var group in report.Result.Files.GroupBy(file => file.Language).OrderBy(group => group.Key))
        {
            table.AddRow(
                LanguageName(group.Key),
                Number(group.Count()),
                Number(group.Sum(file => (long)file.LineCount)),
                Number(group.Sum(file => file.ErrorCount)),
                Number(group.Sum(file => file.WarningCount)));
        }

        var result = report.Result;
        table.AddRow("[bold]total[/]", Number(result.Files.Length), Number(result.LineCount), Number(result.ErrorCount), Number(result.WarningCount));
        console.Write(table);
    }

    private static string LanguageName(HdlLanguage? language) => language switch
    {
        HdlLanguage.Verilog => "Verilog",
        HdlLanguage.SystemVerilog => "SystemVerilog",
        HdlLanguage.Vhdl => "VHDL",
        _ => "other",
    };

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
