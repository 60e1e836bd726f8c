using System.Diagnostics;
using System.Text;
using Workbench.Cli;
using Workbench.Cli.Commands;
using Workbench.Data;
using Workbench.Disclosure;

namespace Workbench.Tests.Disclosure;

/// <summary>
/// <c>workbench disclose</c> against inputs written to break it (issue 12): counts near <see cref="long.MaxValue"/>,
/// totals that overflow, files in another delimiter or encoding, and labels carrying terminal escapes.
/// </summary>
public sealed class DiscloseHostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wb-disclose-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("9223372036854775807", 2, "has '9223372036854775807'; the count is too large")]
    [InlineData("9007199254740990", 3, "add up to more than 9,007,199,254,740,992 (2^53)")]
    [InlineData("9223372036854775808", 2, "has '9223372036854775808'; the count is too large")]
    [InlineData("99999999999999999999999999", 2, "the count is too large (at most 9,007,199,254,740,992, 2^53)")]
    public void Disclose_CountsNearLongMaxValue_ExitTwoWithLocatedMessage(string count, int line, string fragment)
    {
        // Line 2 holds the large count; line 3 a small one, after which the total passes 2^53.
        var csv = WriteCsv("big.csv", $"region,count\nNorth,{count}\nSouth,12\n");
        var (code, stdout, stderr) = Run(new DiscloseRequest(csv));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", stdout);
        Assert.Contains($"{csv}:{line}:2: ", stderr, StringComparison.Ordinal);
        Assert.Contains(fragment, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Overflow", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Disclose_CountsNearLongMaxValueThroughTheExecutable_ExitTwoNotACrash()
    {
        var csv = WriteCsv("big.csv", "region,sex,count\nNorth,F,9223372036854775807\nNorth,M,9223372036854775807\n");
        var (code, _, stderr) = Exec("disclose", csv);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(":2:3: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCounts_TotalAbove2To53_ThrowsArgumentExceptionNotOverflow()
    {
        var dimension = new TableDimension("region", ["North", "South"]);
        var ex = Assert.Throws<ArgumentException>(() => FrequencyTable.FromCounts([long.MaxValue, long.MaxValue], dimension));
        Assert.Contains("(2^53)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(FrequencyTable.MaxTotal, FrequencyTable.FromCounts([FrequencyTable.MaxTotal - 1, 1], dimension).GrandTotal);
    }

    [Fact]
    public void Disclose_SemicolonFile_SaysSoAndHowToDeclareIt()
    {
        var csv = WriteCsv("dutch.csv", "regio;geslacht;count\nNoord;V;12\nZuid;V;15\n");
        var (code, _, stderr) = Run(new DiscloseRequest(csv));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{csv}:1:1: the header is not separated by ','; the file seems to use ';' (the default of Excel with Dutch settings)", stderr, StringComparison.Ordinal);
        Assert.Contains("--delimiter ';'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", stderr, StringComparison.Ordinal);
        var ok = Run(new DiscloseRequest(csv, Min: 1, Round: 1, Delimiter: ";"));
        Assert.Equal(ExitCodes.Success, ok.Code);
        Assert.Contains("Noord", ok.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(";;")]
    [InlineData("\"")]
    [InlineData("")]
    public void Disclose_BadDelimiterOption_ExitsTwo(string delimiter)
    {
        var (code, _, stderr) = Run(new DiscloseRequest(WriteCsv("t.csv", "region,count\nNorth,12\n"), Delimiter: delimiter));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--delimiter", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf16", "looks like UTF-16 (little-endian) without a byte order mark")]
    [InlineData("bom2", "two UTF-8 byte order marks")]
    [InlineData("quote", ":1:1: header field 1 opens a double quote that is not closed on line 1")]
    public void Disclose_UnreadableFile_NamesTheCauseInOneLine(string kind, string fragment)
    {
        var text = "region,count\nNorth,12\nSouth,15\n";
        var path = Path.Combine(_dir, kind + ".csv");
        File.WriteAllBytes(path, kind switch
        {
            "utf16" => Encoding.Unicode.GetBytes(text),
            "bom2" => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            _ => Encoding.UTF8.GetBytes("\"region,count\n" + string.Concat(Enumerable.Repeat("North,12\n", 50_000))),
        });
        var (code, _, stderr) = Run(new DiscloseRequest(path));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(fragment, stderr, StringComparison.Ordinal);
        Assert.True(stderr.Length < 500, stderr);
    }

    [Fact]
    public void Disclose_LoneCrLineEndings_Reads()
    {
        var (code, stdout, _) = Run(new DiscloseRequest(WriteCsv("cr.csv", "region,count\rNorth,12\rSouth,15\r"), Min: 1, Round: 1));
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("South", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disclose_EscapeSequenceInLabel_IsEscapedOnATerminalAndKeptInARedirectedCsv()
    {
        var csv = WriteCsv("ansi.csv", "region,count\n\u001B[2J\u001B[31mNorth,12\nSouth\u202E,15\n");
        // On a terminal (a pseudo-terminal from util-linux script), the label is shown, not obeyed.
        var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.ArgumentList.Add("-qec");
        psi.ArgumentList.Add($"dotnet '{Cli}' disclose '{csv}' --min 1 --round 1");
        psi.ArgumentList.Add("/dev/null");
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var terminal = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, terminal + await err);
        Assert.Contains("\\x1B[2J\\x1B[31mNorth", terminal, StringComparison.Ordinal);
        Assert.Contains("South\\u202E", terminal, StringComparison.Ordinal);
        // (.NET itself writes the terminal's keypad mode, ESC[?1h ESC=, when it sets up a terminal: not from the data.)
        Assert.DoesNotContain("\u001B[2J", terminal, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001B[31m", terminal, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', terminal);

        // Redirected to a file, the CSV keeps the data exactly.
        var (code, stdout, _) = Exec("disclose", csv, "--min", "1", "--round", "1", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Contains("\u001B[2J\u001B[31mNorth", stdout, StringComparison.Ordinal);
    }

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Workbench.Cli.dll");

    private string WriteCsv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(DiscloseRequest request)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        var code = DiscloseCommand.Run(request, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static (int Code, string Out, string Err) Exec(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Cli);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
