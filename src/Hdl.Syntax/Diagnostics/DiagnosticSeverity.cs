namespace Hdl.Syntax.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
    Information,
    Hint,
}
