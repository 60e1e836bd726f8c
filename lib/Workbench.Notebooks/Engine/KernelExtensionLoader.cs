using System.Reflection;
using Microsoft.DotNet.Interactive;

namespace Workbench.Notebooks.Engine;

/// <summary>
/// Loads the kernel extensions a NuGet package carries (<c>interactive-extensions/dotnet/*.dll</c> with public
/// <see cref="IKernelExtension"/> types, and <c>interactive-extensions/dotnet/extension.dib</c>). The library packages
/// have no public loader for them (it lives inside the retired dotnet-interactive tool), so the host does it.
/// </summary>
internal static class KernelExtensionLoader
{
    public static async Task LoadAsync(Kernel root, string packageRoot, ISet<string> loaded)
    {
        var folder = Path.Combine(packageRoot, "interactive-extensions", "dotnet");
        if (!Directory.Exists(folder) || !loaded.Add(Path.GetFullPath(folder))) return;
        foreach (var dll in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var assembly = Assembly.LoadFrom(dll);
            var types = assembly.GetExportedTypes()
                .Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in types)
            {
                var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                await extension.OnLoadAsync(root);
            }
        }
        var dib = Path.Combine(folder, "extension.dib");
        if (File.Exists(dib)) await root.LoadAndRunInteractiveDocument(new FileInfo(dib));
    }
}
