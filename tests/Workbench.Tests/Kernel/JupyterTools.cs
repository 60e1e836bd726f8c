using System.Diagnostics;
using Workbench.Notebooks.Running;

namespace Workbench.Tests.Kernel;

/// <summary>
/// The real Jupyter clients the kernel tests drive (Debian's python3-jupyter-client, python3-nbclient, jupyter-nbconvert,
/// installed by .ci/run) and a kernelspec installed by the CLI into a temporary prefix. When a client is missing the
/// tests fail with the install command: they never skip, so CI cannot pass without them.
/// </summary>
internal sealed class JupyterTools : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string Install = "apt-get install -y python3-jupyter-client python3-nbclient jupyter-nbconvert python3-ipykernel";

    public JupyterTools()
    {
        Root = Path.Combine(Path.GetTempPath(), "wb-kernel-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Prefix => Path.Combine(Root, "prefix");

    /// <summary>A temporary folder of this root (created on first use), e.g. for a kernel's TMPDIR.</summary>
    public string Temp => Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;

    public string JupyterPath => Path.Combine(Prefix, "share", "jupyter");

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Kernel", name);

    /// <summary>Fails (with the install command) unless python3 can import the given modules.</summary>
    public static async Task RequireModulesAsync(params string[] modules)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing; the kernel tests need it. Install: {Install}");
        var check = await RunAsync(Python, ["-c", "import " + string.Join(", ", modules)], null, TimeSpan.FromMinutes(1));
        Assert.True(check.ExitCode == 0, $"python3 cannot import {string.Join(", ", modules)}: {check.Stderr}\nInstall: {Install}");
    }

    /// <summary>Installs the kernelspec with <c>workbench kernel install --prefix</c> (through the dotnet host, as tests run the CLI).</summary>
    public async Task InstallKernelSpecAsync()
    {
        var result = await RunAsync(WorkerCommand.DotnetHost(), [CliDll, "kernel", "install", "--prefix", Prefix], null, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"kernel install failed ({result.ExitCode}): {result.Stdout}\n{result.Stderr}");
    }

    /// <summary>The environment for Jupyter clients: only our prefix on JUPYTER_PATH, runtime files in the temp root.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["JUPYTER_PATH"] = JupyterPath,
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
        ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
        ["JUPYTER_PLATFORM_DIRS"] = "1",
        ["PYTHONWARNINGS"] = "ignore",
    };

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await stdout, $"timed out after {timeout.TotalSeconds} s\n" + await stderr);
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
