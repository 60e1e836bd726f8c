using System.CommandLine;
using Workbench.Notebooks.Documents;
using Workbench.Notebooks.Parameters;

namespace Workbench.Cli.Commands;

/// <summary><c>workbench params</c>: lists a notebook's parameters with their types and defaults.</summary>
public sealed class ParamsCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var path = new Argument<string>("notebook") { Description = "The notebook (.ipynb or .dib)." };
        var command = new Command("params",
            "List the parameters of a notebook: the variables of its cell tagged 'parameters' (.ipynb) or starting with " +
            "'// parameters' (.dib), with types and defaults. Set them with `workbench run --param name=value`.") { path };
        command.SetAction((parse, _) => NotebookCli.GuardAsync(() =>
        {
            var document = NotebookDocument.Load(parse.GetValue(path)!);
            var cell = ParameterCell.Find(document);
            if (cell is null)
            {
                Console.WriteLine($"{document.Path}: no parameters cell (tag a C# cell 'parameters', or start a .dib cell with '// parameters').");
                return Task.FromResult(ExitCodes.Success);
            }
            var declared = ParameterCell.Declared(document);
            Console.WriteLine($"{document.Path}: {declared.Count} parameter(s) in {cell.Label}");
            var nameWidth = Math.Max(4, declared.Select(p => p.Name.Length).DefaultIfEmpty(0).Max());
            Console.WriteLine($"{"name".PadRight(nameWidth)}  {"type",-8}  default");
            foreach (var p in declared) Console.WriteLine($"{p.Name.PadRight(nameWidth)}  {p.TypeName,-8}  {p.Default}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
