using System.CommandLine;
using Hdl.LanguageServer.Server;

namespace Hdl.Cli;

/// <summary>`hdl serve`: the language server on stdin/stdout; logs go to stderr.</summary>
internal static class ServeCommand
{
    private const int MinimumThreads = 16;

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
        // Requests run on the thread pool beside the background work (binding, elaboration, search index) that keeps
        // its threads busy; on 2 cores the pool starts with 2 threads and adds one about every half second, so a
        // request could wait seconds for a thread (a 3.7 s hover on opentitan/hw, bench/lsp). Enough threads up front.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinimumThreads), completionPorts);
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        await using var host = new LanguageServerHost(input, output, Console.Error);
        return await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
