using System.CommandLine;

namespace Workbench.Cli;

/// <summary>Exit codes used by every command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>The check ran and found a problem (invalid data, a failed notebook, a claim not reproduced).</summary>
    public const int CheckFailed = 1;
    /// <summary>Usage error or unreadable input.</summary>
    public const int Usage = 2;
}

/// <summary>
/// A top-level command of the <c>workbench</c> CLI. Every non-abstract implementation in this assembly is found by
/// reflection and added to the root command, so each capability adds its command in its own file.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the command (with its options, subcommands and actions).</summary>
    Command Build();

    /// <summary>
    /// The name of the top-level command this one belongs under (e.g. "data" for <c>workbench data generate</c>),
    /// or null for a top-level command. A parent that no class builds is created with <see cref="ParentDescription"/>.
    /// </summary>
    string? Parent => null;

    /// <summary>Description used when the parent command has to be created.</summary>
    string ParentDescription => "";
}
