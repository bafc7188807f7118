using System.CommandLine;
using Hdl.LanguageServer.Server;

namespace Hdl.Cli;

/// <summary>`hdl serve`: the language server on stdin/stdout; logs go to stderr.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Speak LSP over stdin/stdout (the default and only transport; accepted because editors pass it)." };
        var command = new Command("serve", "Run the language server (LSP 3.17) over stdin/stdout, for VS Code, Neovim, Emacs and other editors.");
        command.Options.Add(stdio);
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        await using var host = new LanguageServerHost(input, output, Console.Error);
        return await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
