namespace Hdl.Syntax.Diagnostics;

/// <summary>
/// One entry of the diagnostic catalog: a stable id (HDL + four digits, never reused), a kebab-case name
/// for configuration, the default severity, a message template with {0}-style placeholders, and the
/// documentation shown to users (STYLE §5).
/// </summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Name,
    DiagnosticSeverity DefaultSeverity,
    string MessageFormat,
    string Group,
    string Subsystem,
    string Explanation,
    string Example,
    bool IsRetired = false);
