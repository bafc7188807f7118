using System.CommandLine;
using System.Reflection;

namespace Hdl.Cli;

/// <summary>Entry point: builds the command tree, maps usage errors to exit code 2 and runs the chosen verb.</summary>
public static class Program
{
    public const int ExitSuccess = 0;
    public const int ExitErrorsFound = 1;
    public const int ExitUsageError = 2;

    public static int Main(string[] args)
    {
        var root = new RootCommand("HDL language service: parse, index and search Verilog, SystemVerilog and VHDL.")
        {
            ParseCommand.Create(),
            IndexCommand.Create(),
            HierarchyCommand.Create(),
            DataFlowCommands.CreateDrivers(),
            DataFlowCommands.CreateLoads(),
            DataFlowCommands.CreateGraph(),
            ServeCommand.Create(),
            NavigationCommands.CreateDefinition(),
            NavigationCommands.CreateReferences(),
            SearchCommand.Create(),
            EvalCommand.Create(),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine($"hdl: error: {error.Message}");
            }

            Console.Error.WriteLine("Run 'hdl --help' for usage.");
            return ExitUsageError;
        }

        return parseResult.Invoke();
    }

    /// <summary>The version printed by --version and recorded in --json output.</summary>
    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
