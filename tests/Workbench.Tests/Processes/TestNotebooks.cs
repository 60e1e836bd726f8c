using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Tests.Processes;

/// <summary>Writes small C# notebooks (.ipynb, one code cell per source) for the hostile-cell tests.</summary>
internal static class TestNotebooks
{
    /// <summary>Writes the notebook <paramref name="name"/> in <paramref name="folder"/>; returns its path.</summary>
    public static string Write(string folder, string name, params string[] cells)
    {
        Directory.CreateDirectory(folder);
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select((source, i) => (JsonNode?)new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"cell{i:0000}",
                // A cell starting "// parameters" is the papermill parameters cell (tagged).
                ["metadata"] = source.StartsWith("// parameters", StringComparison.Ordinal) ? new JsonObject { ["tags"] = new JsonArray("parameters") } : new JsonObject(),
                ["outputs"] = new JsonArray(),
                ["source"] = new JsonArray(JsonValue.Create(source)),
            }).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>C# that starts <c>sleep SECONDS</c> as a child of the worker, inheriting its standard output and error.</summary>
    public static string StartSleep(string seconds) =>
        $"var child = System.Diagnostics.Process.Start(\"sleep\", \"{seconds}\");";
}
