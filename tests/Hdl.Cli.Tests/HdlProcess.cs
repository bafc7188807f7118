using System.Diagnostics;

namespace Hdl.Cli.Tests;

/// <summary>The outcome of one run of the real `hdl` binary.</summary>
internal sealed record HdlRun(int ExitCode, string Output, string Error);

/// <summary>Starts the built `hdl` (hdl.dll beside the tests) through the dotnet host, in a given folder.</summary>
internal static class HdlProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<HdlRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var hdlDll = Path.Combine(AppContext.BaseDirectory, "hdl.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hdlDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hdl {string.Join(' ', arguments)} did not finish in {Timeout}");
        }

        return new HdlRun(process.ExitCode, await output, await error);
    }
}

/// <summary>A fresh folder for one test's fixture files, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "hdl-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
