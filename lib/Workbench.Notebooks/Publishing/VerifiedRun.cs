using System.Text.Json.Nodes;
using Workbench.Claims;
using Workbench.Data;

namespace Workbench.Notebooks.Publishing;

/// <summary>A figure of the run's chart export in one language (a <c>charts/manifest.json</c> entry).</summary>
/// <param name="Id">The figure id.</param>
/// <param name="Number">The figure number, or null.</param>
/// <param name="Language">"en" or "nl".</param>
/// <param name="Caption">The caption as exported ("Figure 1. ...").</param>
/// <param name="AltText">The alt text.</param>
/// <param name="Source">The source line.</param>
/// <param name="Files">The exported files (full paths) by extension: "svg", "pdf", "png", "html".</param>
public sealed record ExportedFigure(string Id, int? Number, string Language, string Caption, string AltText, string Source,
    IReadOnlyDictionary<string, string> Files);

/// <summary>
/// The output folder of one <c>workbench verify</c> run (default <c>out/</c>), read for publishing: the verification
/// record (<see cref="VerificationRecord"/>), the executed notebooks, the exported charts with their manifest, the
/// protected tables the studies displayed and the
/// run record's provenance (commit, date, data files).
/// </summary>
public sealed class VerifiedRun
{
    private VerifiedRun(string folder, VerificationRecord verification, IReadOnlyList<ExportedFigure> figures, string? commit, bool dirty,
        IReadOnlyDictionary<string, IReadOnlyList<(string File, string Sha256)>> dataFiles)
    {
        Folder = folder;
        Verification = verification;
        Figures = figures;
        Commit = commit;
        Dirty = dirty;
        DataFiles = dataFiles;
    }

    /// <summary>The run folder (full path).</summary>
    public string Folder { get; }

    /// <summary>What the run verified.</summary>
    public VerificationRecord Verification { get; }

    /// <summary>The exported figures, both languages.</summary>
    public IReadOnlyList<ExportedFigure> Figures { get; }

    /// <summary>The git commit the run was made from, or null when unknown.</summary>
    public string? Commit { get; }

    /// <summary>Whether the work tree had uncommitted changes.</summary>
    public bool Dirty { get; }

    /// <summary>Per study, the data files it read (file name and SHA-256).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(string File, string Sha256)>> DataFiles { get; }

    /// <summary>Reads the run in <paramref name="folder"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="DataValidationException">The folder holds no verification record or an unreadable one; the message names the file and the fix.</exception>
    public static VerifiedRun Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"'{folder}' does not exist: give the output folder of `workbench verify` (default out).");
        var recordPath = Path.Combine(full, VerificationRecord.FileName);
        if (!File.Exists(recordPath))
            throw new DataValidationException(new DataError(recordPath, 0, 0,
                "no verification record: run `workbench verify notebooks --out " + folder + "` first (publishing states only what a verify run reproduced)"));
        var verification = VerificationRecord.Read(recordPath);
        var figures = ReadManifest(Path.Combine(full, "charts"));
        string? commit = null;
        var dirty = false;
        var data = new Dictionary<string, IReadOnlyList<(string, string)>>(StringComparer.Ordinal);
        var runPath = Path.Combine(full, "run.json");
        if (File.Exists(runPath))
        {
            var run = ParseJson(runPath);
            commit = (string?)run["git"]?["commit"];
            dirty = run["git"]?["dirty"]?.GetValue<bool>() ?? false;
            foreach (var nb in run["notebooks"]?.AsArray() ?? [])
            {
                var study = Path.GetFileNameWithoutExtension((string?)nb?["path"] ?? "");
                if (study.Length == 0 || data.ContainsKey(study)) continue;
                data[study] = (nb!["data_files"]?.AsArray() ?? [])
                    .Select(d => (Path.GetFileName((string?)d?["path"] ?? ""), (string?)d?["sha256"] ?? ""))
                    .Where(d => d.Item1.Length > 0).Distinct().ToList();
            }
        }
        return new VerifiedRun(full, verification, figures, commit, dirty, data);
    }

    /// <summary>The verdict on <paramref name="study"/>, or null when the run did not verify it.</summary>
    public StudyVerdict? Study(string study) => Verification.Studies.FirstOrDefault(s => s.Study == study);

    /// <summary>The claims of <paramref name="study"/> in ledger order.</summary>
    public IReadOnlyList<ClaimResult> ClaimsOf(string study) => Verification.Claims.Where(c => c.Entry?.Study == study).ToList();

    /// <summary>
    /// Why <paramref name="study"/> may not be published, or null when it may: it did not run in this verify run, its
    /// outputs differed, or one of its claims was not reproduced.
    /// </summary>
    public string? Refusal(string study)
    {
        var verdict = Study(study);
        if (verdict is null) return $"{study}: not in the verify run in {Folder}.";
        if (!verdict.Passed) return $"{study}: verification failed ({verdict.Failure ?? "no executed notebook"}).";
        var failed = ClaimsOf(study).Where(c => !c.Passed).ToList();
        if (failed.Count > 0) return $"{study}: claim(s) not reproduced: {string.Join(", ", failed.Select(c => $"{c.Id} ({ClaimCheck.Verdict(c.Verdict)})"))}.";
        return null;
    }

    /// <summary>The executed notebook of <paramref name="study"/> (full path).</summary>
    public string NotebookPath(StudyVerdict study) => Path.GetFullPath(Path.Combine(Folder, study.Notebook));

    /// <summary>
    /// The protected tables <paramref name="study"/> displayed, in publication order (<c>tables/&lt;study&gt;/*.json</c>, written
    /// by <c>workbench verify</c>); none when the run saved none. Tables of estimates are not among them.
    /// </summary>
    /// <exception cref="DataValidationException">A file is not a protected-table record.</exception>
    public IReadOnlyList<Workbench.Disclosure.ProtectedTableRecord> TablesOf(string study) =>
        Workbench.Reporting.ProtectedTableStore.ReadFolder(Path.Combine(Folder, "tables", Workbench.Export.SafeFileName.From(study)));

    /// <summary>The exported figure <paramref name="id"/> in <paramref name="language"/>, or null.</summary>
    public ExportedFigure? Figure(string id, string language) => Figures.FirstOrDefault(f => f.Id == id && f.Language == language);

    private static List<ExportedFigure> ReadManifest(string charts)
    {
        var path = Path.Combine(charts, "manifest.json");
        if (!File.Exists(path)) return [];
        var manifest = ParseJson(path);
        var list = new List<ExportedFigure>();
        foreach (var f in manifest["figures"]?.AsArray() ?? [])
        {
            if (f is null) continue;
            var files = (f["files"]?.AsArray() ?? [])
                .Select(x => (string?)x ?? "").Where(x => x.Length > 0)
                .ToDictionary(x => Path.GetExtension(x).TrimStart('.').ToLowerInvariant(), x => Path.Combine(charts, Path.GetFileName(x)), StringComparer.Ordinal);
            list.Add(new ExportedFigure((string?)f["id"] ?? "", f["number"]?.GetValue<int?>(), (string?)f["language"] ?? "",
                (string?)f["title"] ?? "", (string?)f["altText"] ?? "", (string?)f["source"] ?? "", files));
        }
        return list;
    }

    private static JsonNode ParseJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) ?? throw new DataValidationException(new DataError(path, 1, 1, "empty JSON file"));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new DataValidationException(new DataError(path, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1,
                $"not valid JSON ({ex.Message}); rerun `workbench verify` to rewrite it"));
        }
    }
}
