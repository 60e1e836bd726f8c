namespace Workbench.Reporting;

/// <summary>
/// The MIME types by which a notebook output says what it is to the report. Only outputs of a publishable kind reach a
/// report page in publication mode: figures (recognised by their <c>wb-figure</c> element), publication tables
/// (<see cref="Table"/>) and claims; raw records, DataFrame dumps and <c>display(HTML(...))</c> never do.
/// </summary>
public static class PublishedMime
{
    /// <summary>A publication table (<see cref="Tables.PublicationTable"/>): caption, labelled columns, source line and footnote, in both languages.</summary>
    public const string Table = "application/vnd.workbench.table+html";

    /// <summary>Values a notebook binds for its published text (<see cref="BoundValues"/>): a JSON object of name to number.</summary>
    public const string Values = "application/vnd.workbench.values+json";
}
