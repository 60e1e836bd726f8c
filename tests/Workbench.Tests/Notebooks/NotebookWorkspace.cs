using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Workbench.Notebooks.Running;

namespace Workbench.Tests.Notebooks;

/// <summary>
/// A temporary copy of the fixture notebooks, with what some of them need built at test time: a local DLL for
/// <c>#r "Lib/FixtureLib.dll"</c> and a local NuGet feed holding a package (unique version per run, so the NuGet cache
/// cannot serve an old copy) whose kernel extension registers a formatter.
/// </summary>
public sealed class NotebookWorkspace : IDisposable
{
    public const string PackageId = "Workbench.Fixture.Temperature";

    public NotebookWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "wb-nb-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks");
        Directory.CreateDirectory(Root);
        foreach (var file in Directory.EnumerateFiles(source))
            File.Copy(file, Path.Combine(Root, Path.GetFileName(file)));
        Compile(Path.Combine(Root, "Lib", "FixtureLib.dll"), "FixtureLib",
            "namespace FixtureLib { public static class Greeter { public static string Greet(string who) => \"Hello, \" + who + \" (from FixtureLib)\"; } }");
        PackageVersion = "1.0.0-t" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        BuildPackage();
        File.WriteAllText(Path.Combine(Root, "nuget-extension.ipynb"), NuGetNotebook());
    }

    /// <summary>The workspace folder (deleted on dispose).</summary>
    public string Root { get; }

    /// <summary>The unique version of the fixture package.</summary>
    public string PackageVersion { get; }

    /// <summary>The local feed folder.</summary>
    public string Feed => Path.Combine(Root, "feed");

    public string this[string name] => Path.Combine(Root, name);

    /// <summary>The worker command for runs made from the tests (the CLI assembly copied next to them).</summary>
    public static WorkerCommand Worker => WorkerCommand.ForCliAssembly(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"));

    /// <summary>Runs the workbench CLI as a process and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(WorkerCommand.DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>SHA-256 of every file directly in the workspace (to prove sources are not modified).</summary>
    public Dictionary<string, string> HashSources() =>
        Directory.EnumerateFiles(Root)
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    private void BuildPackage()
    {
        var build = Path.Combine(Root, "pkgbuild");
        var lib = Path.Combine(build, "Fixture.Temperature.dll");
        var ext = Path.Combine(build, "Fixture.Temperature.Extension.dll");
        Compile(lib, "Fixture.Temperature",
            "namespace Fixture { public sealed record Temperature(double Degrees); }");
        Compile(ext, "Fixture.Temperature.Extension", """
            using System.Threading.Tasks;
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Formatting;
            namespace Fixture
            {
                public sealed class TemperatureKernelExtension : IKernelExtension
                {
                    public Task OnLoadAsync(Kernel kernel)
                    {
                        Formatter.Register<Temperature>((t, writer) => writer.Write($"{t.Degrees} degrees (fixture formatter)"), "text/plain");
                        return Task.CompletedTask;
                    }
                }
            }
            """, lib);
        Directory.CreateDirectory(Feed);
        var nupkg = Path.Combine(Feed, $"{PackageId}.{PackageVersion}.nupkg");
        using var zip = ZipFile.Open(nupkg, ZipArchiveMode.Create);
        Add(zip, $"{PackageId}.nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{PackageId}</id>
                <version>{PackageVersion}</version>
                <authors>Workbench tests</authors>
                <description>Test fixture: a type and a kernel extension that formats it.</description>
                <dependencies><group targetFramework="net10.0" /></dependencies>
              </metadata>
            </package>
            """);
        Add(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="nuspec" ContentType="application/octet" />
              <Default Extension="dll" ContentType="application/octet" />
              <Default Extension="xml" ContentType="application/octet" />
            </Types>
            """);
        zip.CreateEntryFromFile(lib, "lib/net10.0/Fixture.Temperature.dll");
        zip.CreateEntryFromFile(ext, "interactive-extensions/dotnet/Fixture.Temperature.Extension.dll");
    }

    private string NuGetNotebook()
    {
        var feed = Feed.Replace("\\", "\\\\", StringComparison.Ordinal);
        string Cell(string id, string source) =>
            "{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"" + id + "\", \"metadata\": {}, \"outputs\": [], \"source\": ["
            + System.Text.Json.JsonSerializer.Serialize(source) + "]}";
        var first = Cell("nuget001", $"#i \"nuget: {feed}\"\n#r \"nuget: {PackageId}, {PackageVersion}\"");
        var second = Cell("nuget002", "new Fixture.Temperature(21.5)");
        return "{\n \"cells\": [\n  " + first + ",\n  " + second + "\n ],\n"
               + " \"metadata\": {\"kernelspec\": {\"display_name\": \".NET (C#)\", \"language\": \"C#\", \"name\": \".net-csharp\"}},\n"
               + " \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static void Compile(string path, string assemblyName, string code, params string[] extraReferences)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll"
                        || n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)))
            .Concat(extraReferences)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assemblyName, [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var result = compilation.Emit(path);
        if (!result.Success)
            throw new InvalidOperationException($"fixture {assemblyName} did not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        // The unique test version would otherwise accumulate in the NuGet cache.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try { Directory.Delete(Path.Combine(cache, PackageId.ToLowerInvariant(), PackageVersion), recursive: true); }
        catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
