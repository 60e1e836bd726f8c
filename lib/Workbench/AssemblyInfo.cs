namespace Workbench;

/// <summary>Version information for the Workbench library.</summary>
public static class WorkbenchInfo
{
    /// <summary>The informational version of the loaded Workbench assembly.</summary>
    public static string Version =>
        typeof(WorkbenchInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
