using System.Text.Json;
using Hdl.Syntax.Diagnostics;
using Hdl.Workspace.Parsing;

namespace Hdl.Cli;

/// <summary>
/// The `--json` document: every file with its outcome and diagnostics, filelist warnings, usage problems and the
/// summary. Written field by field so library types carry no serialization attributes (STYLE §2).
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(Stream output, ParseReport report, string version)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("tool", "hdl");
        writer.WriteString("version", version);
        writer.WriteStartArray("files");
        foreach (var file in report.Result.Files)
        {
            WriteFile(writer, file);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("filelistWarnings");
        foreach (var warning in report.FilelistWarnings)
        {
            writer.WriteStartObject();
            writer.WriteString("path", warning.Path);
            writer.WriteNumber("line", warning.Line);
            writer.WriteString("message", warning.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("usageErrors");
        foreach (var problem in report.UsageProblems)
        {
            writer.WriteStringValue(problem);
        }

        writer.WriteEndArray();
        var result = report.Result;
        writer.WriteStartObject("summary");
        writer.WriteNumber("files", result.Files.Length);
        writer.WriteNumber("parsedFiles", result.ParsedFileCount);
        writer.WriteNumber("lines", result.LineCount);
        writer.WriteNumber("errors", result.ErrorCount);
        writer.WriteNumber("warnings", result.WarningCount);
        writer.WriteNumber("seconds", Math.Round(report.Elapsed.TotalSeconds, 3));
        writer.WriteNumber("linesPerSecond", Math.Round(report.LinesPerSecond));
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    private static void WriteFile(Utf8JsonWriter writer, FileParseResult file)
    {
        writer.WriteStartObject();
        writer.WriteString("path", file.Path);
        writer.WriteString("language", file.Language?.ToString());
        writer.WriteString("outcome", JsonNamingPolicy.CamelCase.ConvertName(file.Outcome.ToString()));
        if (file.Problem is not null)
        {
            writer.WriteString("problem", file.Problem);
        }

        writer.WriteNumber("lines", file.LineCount);
        writer.WriteNumber("errors", file.ErrorCount);
        writer.WriteNumber("warnings", file.WarningCount);
        writer.WriteStartArray("diagnostics");
        foreach (var diagnostic in file.Diagnostics)
        {
            WriteDiagnostic(writer, diagnostic);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDiagnostic(Utf8JsonWriter writer, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        writer.WriteStartObject();
        writer.WriteString("path", location.Path);
        writer.WriteNumber("line", location.Start.Line + 1);
        writer.WriteNumber("column", location.Start.Character + 1);
        writer.WriteNumber("endLine", location.End.Line + 1);
        writer.WriteNumber("endColumn", location.End.Character + 1);
        writer.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
        writer.WriteString("code", diagnostic.Id);
        writer.WriteString("name", diagnostic.Descriptor.Name);
        writer.WriteString("message", diagnostic.Message);
        writer.WriteEndObject();
    }
}
