using System.Globalization;
using System.Text.RegularExpressions;
using Workbench.Data;

namespace Workbench.Disclosure.Audit;

/// <summary>Reads the protected tables of a published Excel workbook (<c>workbench publish --format xlsx</c>) as a reader sees its sheets.</summary>
internal static partial class PublishedContent
{
    [GeneratedRegex("^(x|<[0-9.,]+|–|-)$")]
    private static partial Regex SymbolRx();

    /// <summary>
    /// Every protected table in the workbook <paramref name="path"/> (<paramref name="page"/> names it in findings), in
    /// <paramref name="language"/>: per sheet, the title in the first row, then blocks separated by empty rows. A block
    /// whose first row has a heading and column labels and whose other cells are all counts or symbols is a grid of the
    /// table (one per layer, after a layer row, for three dimensions); the rows after the grids are its footnote and
    /// source. Percentage grids (a heading ending in "(%)") and sheets of text (the explanation of symbols) are not
    /// counts; a grid without a total row (a nested chain of steps) is not read, as on the report page.
    /// </summary>
    public static List<PublishedTable> WorkbookTables(string page, string path, Language language)
    {
        var tables = new List<PublishedTable>();
        using var workbook = XlsxWorkbook.Open(path);
        foreach (var sheet in workbook.SheetNames)
        {
            var segments = new List<List<List<string>>>();
            var last = 0;
            var blank = true;
            foreach (var (row, cells) in workbook.Rows(sheet, []))
            {
                if (cells.All(c => c.Value.Length == 0))
                {
                    blank = true;
                    continue;
                }
                var texts = new List<string>();
                foreach (var c in cells)
                {
                    while (texts.Count < c.Column - 1) texts.Add("");
                    texts.Add(c.Kind == XlsxCellKind.Number && double.TryParse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n == Math.Floor(n) && Math.Abs(n) < 1e15
                        ? ((long)n).ToString(CultureInfo.InvariantCulture)
                        : c.Value);
                }
                if (blank || row > last + 1) segments.Add([]);
                segments[^1].Add(texts);
                last = row;
                blank = false;
            }
            if (segments.Count < 2 || segments[0].Count == 0) continue;
            var title = segments[0][0].FirstOrDefault() ?? "";
            var blocks = new List<Block>();
            var foot = new List<string>();
            foreach (var segment in segments.Skip(1))
            {
                var layer = segment.Count > 1 && segment[0].Count == 1 && segment[1].Count >= 2 ? segment[0][0] : null;
                var grid = layer is null ? segment : segment.Skip(1).ToList();
                if (grid.Count >= 2 && grid[0].Count >= 2 && grid.Skip(1).All(r => r.Count >= 2 && r.Skip(1).All(IsCountOrSymbol)))
                {
                    if (grid[0][0].EndsWith("(%)", StringComparison.Ordinal) || grid[0].Skip(1).All(h => h == "%")) continue;
                    blocks.Add(new Block(layer is null ? title : title + " — " + layer, grid[0], grid.Skip(1).ToList()));
                }
                else if (blocks.Count > 0) foot.AddRange(segment.Select(r => string.Join(" ", r)));
            }
            if (blocks.Count == 0) continue;
            var total = Phrases.Get(Phrase.Total, language);
            if (blocks.Any(b => !b.Rows[^1][0].StartsWith(total, StringComparison.Ordinal))) continue;
            var footnote = string.Join("\n", foot);
            var rounding = RoundingRx().Match(footnote) is { Success: true } r ? int.Parse(r.Groups["b"].Value, CultureInfo.InvariantCulture) : 1;
            var table = Assemble(page + ":" + sheet, blocks, language, rounding, footnote.StartsWith("U:", StringComparison.Ordinal));
            if (table is not null) tables.Add(table);
        }
        return tables;
    }

    private static bool IsCountOrSymbol(string text) =>
        SymbolRx().IsMatch(text) || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
