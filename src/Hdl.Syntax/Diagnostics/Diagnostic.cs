using System.Collections.Immutable;
using System.Globalization;
using Hdl.Syntax.Text;

namespace Hdl.Syntax.Diagnostics;

/// <summary>Another place a diagnostic refers to ("first defined here").</summary>
public sealed record RelatedLocation(Location Location, string Message);

/// <summary>
/// A structured finding: catalog entry, primary location and message arguments. Text is formatted only
/// when rendered; severity is the catalog default until a configuration overrides it at the edge.
/// </summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Location Location,
    ImmutableArray<string> Arguments,
    ImmutableArray<RelatedLocation> Related)
{
    public string Id => Descriptor.Id;

    public DiagnosticSeverity Severity => Descriptor.DefaultSeverity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public string Message =>
        Arguments.IsDefaultOrEmpty
            ? Descriptor.MessageFormat
            : string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat, [.. Arguments]);

    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        new(descriptor, location, [.. arguments], []);

    /// <summary>`path:line:col: error HDL1001: message`, the form compilers print.</summary>
    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
