using Workbench.Data;
using Workbench.Disclosure;
using Workbench.Export;
using Workbench.IO;
using Workbench.Tables;

namespace Workbench.Reporting;

/// <summary>
/// Saves the protected tables a notebook displays for the study's workbook: when the run's context names a tables
/// folder (<see cref="Provenance.RunContext.TablesFolder"/>, set by the runner's worker), every displayed
/// <see cref="PublicationTable"/> built from a protected table is written there as a <see cref="ProtectedTableRecord"/>
/// (<c>&lt;id&gt;.json</c>). Tables of estimates are not protected tables and are not saved.
/// </summary>
public static class ProtectedTableStore
{
    /// <summary>Writes the protected table behind <paramref name="table"/> to <paramref name="folder"/>; returns the path, or null for a table of estimates.</summary>
    public static string? Save(PublicationTable table, string folder)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.ProtectedRecord() is not { } record) return null;
        Directory.CreateDirectory(folder);
        var path = SafeFileName.ResolveInside(folder, SafeFileName.From(table.Id) + ".json");
        AtomicFile.WriteAllText(path, record.ToJson());
        return path;
    }

    /// <summary>Saves <paramref name="table"/> when the run's context names a tables folder; returns the path written, or null.</summary>
    public static string? SaveIfRequested(PublicationTable table)
    {
        var folder = Provenance.RunContext.Current.TablesFolder;
        return string.IsNullOrWhiteSpace(folder) ? null : Save(table, folder);
    }

    /// <summary>
    /// The records in <paramref name="folder"/> (none when it does not exist), in publication order: by table number,
    /// unnumbered tables last, then by id.
    /// </summary>
    /// <exception cref="DataValidationException">A file is not a protected-table record; every bad file is named.</exception>
    public static IReadOnlyList<ProtectedTableRecord> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var records = DataValidationException.ReadJsonFolder(folder, ProtectedTableRecord.Read);
        return records.OrderBy(r => r.Number ?? int.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }
}
