namespace Workbench.Tests.Notebooks;

public sealed class ArchitectureTests
{
    [Fact]
    public void WorkbenchLibrary_LoadedIntoNotebooks_DoesNotReferenceKernelPackages()
    {
        var references = typeof(WorkbenchInfo).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Workbench.Notebooks", StringComparison.Ordinal));
    }
}
