using System.CommandLine;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Jupyter;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench convert</c>: converts a notebook between .dib and .ipynb (for the workbench kernel).</summary>
public sealed class ConvertCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var path = new Argument<string>("notebook") { Description = "The notebook to convert (.dib or .ipynb)." };
        var to = new Option<string?>("--to") { Description = "Target format: ipynb or dib (default: the other format)." };
        to.AcceptOnlyFromAmong("ipynb", "dib");
        var output = new Option<string?>("--out", "-o") { Description = "Output file (default: the source name with the target extension). Never the source." };
        var command = new Command("convert",
            "Convert a notebook between Polyglot Notebooks' .dib and Jupyter's .ipynb. An .ipynb gets the workbench-csharp kernelspec " +
            "(pick \"C# (Workbench)\" in VS Code or JupyterLab); cell tags such as 'parameters' are kept; the source is never " +
            "overwritten. Exit codes: 0 converted, 2 usage or unreadable notebook.")
        {
            path, to, output,
        };
        command.SetAction(parse => NotebookCli.GuardAsync(() =>
        {
            NotebookFormat? format = parse.GetValue(to) switch { "ipynb" => NotebookFormat.Ipynb, "dib" => NotebookFormat.Dib, _ => null };
            var result = NotebookConverter.Convert(parse.GetValue(path)!, format, parse.GetValue(output));
            foreach (var warning in result.Warnings) Console.Error.WriteLine($"workbench convert: note: {warning}");
            Console.WriteLine($"Wrote {result.OutputPath} ({result.Cells} cells)");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
