using Workbench.Notebooks.Running;

namespace Workbench.Tests.Kernel;

/// <summary>The <c>kernel</c>, <c>kernel install</c> and <c>convert</c> commands as a user runs them (exit codes, messages).</summary>
public sealed class KernelCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wb-kernel-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public KernelCliTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Cli(params string[] args) =>
        JupyterTools.RunAsync(WorkerCommand.DotnetHost(), [JupyterTools.CliDll, .. args],
            new Dictionary<string, string> { ["JUPYTER_DATA_DIR"] = Path.Combine(_root, "user-data") }, TimeSpan.FromMinutes(2), _root);

    [Fact]
    public async Task Convert_DibThroughCli_WritesIpynbAndExitsZero()
    {
        var dib = Path.Combine(_root, "params.dib");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks", "params.dib"), dib);
        var (code, stdout, stderr) = await Cli("convert", dib, "--out", Path.Combine(_root, "converted", "study.ipynb"));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("study.ipynb (3 cells)", stdout);
        Assert.Contains("\"workbench-csharp\"", File.ReadAllText(Path.Combine(_root, "converted", "study.ipynb")));
    }

    [Fact]
    public async Task Convert_UnknownTarget_ExitsTwo()
    {
        var (code, _, stderr) = await Cli("convert", "x.dib", "--to", "pdf");
        Assert.Equal(2, code);
        Assert.Contains("pdf", stderr);
    }

    [Fact]
    public async Task Convert_MissingSource_ExitsTwoNamingIt()
    {
        var (code, _, stderr) = await Cli("convert", Path.Combine(_root, "absent.dib"));
        Assert.Equal(2, code);
        Assert.Contains("absent.dib", stderr);
    }

    [Fact]
    public async Task Kernel_NoConnectionFile_ExitsTwoWithHint()
    {
        var (code, _, stderr) = await Cli("kernel");
        Assert.Equal(2, code);
        Assert.Contains("--connection-file", stderr);
    }

    [Fact]
    public async Task Kernel_EmptyKey_ExitsTwoNamingTheFile()
    {
        var file = Path.Combine(_root, "kernel-1.json");
        File.WriteAllText(file, """{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "ip": "127.0.0.1", "key": "", "transport": "tcp", "signature_scheme": "hmac-sha256"}""");
        var (code, _, stderr) = await Cli("kernel", "--connection-file", file);
        Assert.Equal(2, code);
        Assert.Contains(file, stderr);
        Assert.Contains("'key' is empty", stderr);
    }

    [Fact]
    public async Task KernelInstall_UserAndPrefix_ExitsTwo()
    {
        var (code, _, stderr) = await Cli("kernel", "install", "--user", "--prefix", _root);
        Assert.Equal(2, code);
        Assert.Contains("not both", stderr);
    }

    [Fact]
    public async Task KernelInstall_Default_WritesToUserDataFolder()
    {
        var (code, stdout, stderr) = await Cli("kernel", "install");
        Assert.True(code == 0, stdout + stderr);
        var spec = Path.Combine(_root, "user-data", "kernels", "workbench-csharp", "kernel.json");
        Assert.True(File.Exists(spec), stdout);
        Assert.Contains(JupyterTools.CliDll, File.ReadAllText(spec));
    }
}
