using System.Text.Json.Nodes;
using Workbench.Notebooks.Engine;

namespace Workbench.Notebooks.Jupyter;

/// <summary>The request handlers of the kernel.</summary>
public sealed partial class JupyterKernel
{
    private int _executionCount;
    private TaskCompletionSource? _interrupt;
    private readonly Dictionary<string, string> _updateTargets = new(StringComparer.Ordinal);

    private JupyterMessage? HandleControl(JupyterMessage request) => request.MessageType switch
    {
        "interrupt_request" => Interrupt(request),
        "shutdown_request" => Shutdown(request),
        "kernel_info_request" => Reply(request, "kernel_info_reply", KernelInfo()),
        _ => Unknown(request, "control"),
    };

    private JupyterMessage? HandleShell(JupyterMessage request)
    {
        switch (request.MessageType)
        {
            case "kernel_info_request": return Reply(request, "kernel_info_reply", KernelInfo());
            case "execute_request": return Execute(request);
            case "complete_request": return Complete(request);
            case "inspect_request": return Inspect(request);
            case "is_complete_request": return IsComplete(request);
            case "comm_info_request": return Reply(request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
            case "history_request": return Reply(request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
            case "shutdown_request": return Shutdown(request);
            case "comm_open":
                // No comm targets exist: tell the front end the comm is closed rather than leave it waiting.
                Publish("comm_close", new JsonObject { ["comm_id"] = Text(request.Content, "comm_id"), ["data"] = new JsonObject() }, request);
                return null;
            case "comm_msg" or "comm_close": return null;
            default: return Unknown(request, "shell");
        }
    }

    private JupyterMessage? Unknown(JupyterMessage request, string channel)
    {
        Log($"ignored an unsupported {request.MessageType} on {channel}.");
        return null;
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "workbench",
        ["implementation_version"] = WorkbenchInfo.Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"Workbench C# kernel {WorkbenchInfo.Version}: the engine of `workbench run` and `workbench verify`.",
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
        // Not in the protocol: the languages a cell may select with its first line (#!fsharp, #!sql, ...); C# is the default.
        ["workbench_cell_languages"] = new JsonArray("csharp", "fsharp", "sql", "r", "python", "mermaid", "html", "value"),
    };

    private JupyterMessage Interrupt(JupyterMessage request)
    {
        InterruptRunningCell();
        return Reply(request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
    }

    /// <summary>Asks the running cell, if any, to stop (as an interrupt_request does).</summary>
    public void InterruptRunningCell()
    {
        var pending = Volatile.Read(ref _interrupt);
        if (pending is null) return;
        Log("interrupt requested.");
        pending.TrySetResult();
        if (_engine.IsCompletedSuccessfully)
            _engine.Result.InterruptAsync().ContinueWith(t => Log($"interrupt failed: {t.Exception?.GetBaseException().Message}"),
                TaskContinuationOptions.OnlyOnFaulted);
    }

    private JupyterMessage Shutdown(JupyterMessage request)
    {
        // A front end restarts a kernel by starting a new process after this one exits (jupyter_client does so), so
        // both a plain shutdown and a restart end this process; the new one starts with a fresh engine.
        var restart = request.Content["restart"] is JsonValue v && v.TryGetValue<bool>(out var r) && r;
        Log(restart ? "shutdown for restart requested." : "shutdown requested.");
        var content = new JsonObject { ["status"] = "ok", ["restart"] = restart };
        Publish("shutdown_reply", content.DeepClone().AsObject(), request);
        InterruptRunningCell();
        Stop();
        return Reply(request, "shutdown_reply", content);
    }

    private JupyterMessage Execute(JupyterMessage request)
    {
        var code = Text(request.Content, "code");
        var silent = Flag(request.Content, "silent", false);
        var storeHistory = Flag(request.Content, "store_history", true) && !silent;
        if (storeHistory) _executionCount++;
        var count = Math.Max(_executionCount, storeHistory ? 1 : 0);
        if (!silent) Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);
        var interrupt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _interrupt, interrupt);
        CellExecution result;
        try
        {
            result = RunCellAsync(request, code, count, silent, interrupt.Task).GetAwaiter().GetResult();
        }
        finally
        {
            Volatile.Write(ref _interrupt, null);
        }
        if (result.Succeeded)
            return Reply(request, "execute_reply", new JsonObject
            {
                ["status"] = "ok", ["execution_count"] = count, ["payload"] = new JsonArray(), ["user_expressions"] = new JsonObject(),
            });
        var error = result.Outputs.LastOrDefault(o => o.Kind == CellOutputKind.Error)
                    ?? new CellOutput(CellOutputKind.Error, ErrorName: "Error", ErrorValue: "The cell failed.", Traceback: []);
        var errorContent = new JsonObject
        {
            ["ename"] = error.ErrorName ?? "Error",
            ["evalue"] = error.ErrorValue ?? "",
            ["traceback"] = new JsonArray((error.Traceback ?? []).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        };
        if (!silent) Publish("error", errorContent.DeepClone().AsObject(), request);
        errorContent["status"] = "error";
        errorContent["execution_count"] = count;
        return Reply(request, "execute_reply", errorContent);
    }

    private async Task<CellExecution> RunCellAsync(JupyterMessage request, string code, int count, bool silent, Task interrupted)
    {
        IInteractiveEngine engine;
        try
        {
            engine = await _engine;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Failed("KernelStartFailed", $"The C# engine did not start: {ex.GetBaseException().Message}");
        }
        var kernelName = CellKernel(code);
        if (!engine.Hosts(kernelName))
            return Failed("UnsupportedKernel", $"This is a '{kernelName}' cell, but the workbench kernel hosts only C#, F#, SQL, R, Python and Mermaid (with #!html and #!value). " +
                                               "Rewrite the cell in one of them or remove it.");
        var closed = 0;
        var displays = new List<string>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        using var streams = new StreamBuffer(_options.StreamFlushInterval, (name, text) =>
        {
            if (Volatile.Read(ref closed) == 0) Publish("stream", new JsonObject { ["name"] = name, ["text"] = text }, request);
        });
        var submit = engine.SubmitAsync(kernelName, code, live =>
        {
            if (silent || Volatile.Read(ref closed) != 0) return;
            if (live.Output.Kind == CellOutputKind.Stream)
            {
                streams.Write(live.Output.StreamName ?? "stdout", live.Output.Text ?? "");
                return;
            }
            streams.Flush();
            PublishLive(request, live, count, displays, claimed);
        });
        if (await Task.WhenAny(submit, interrupted) != submit)
        {
            // The engine ends an interrupted command at once, but code that ignores cancellation keeps running and holds
            // the engine: a probe submission tells the two apart.
            var stopped = await Task.WhenAny(submit, Task.Delay(InterruptGrace)) == submit;
            if (stopped)
            {
                // A statement the C# kernel must really run (a comment-only submission may finish without reaching it).
                var probe = engine.SubmitAsync("csharp", "System.Threading.Thread.Yield();");
                stopped = await Task.WhenAny(probe, Task.Delay(InterruptGrace)) == probe;
            }
            if (!stopped)
            {
                Volatile.Write(ref closed, 1);
                if (_stopping.IsCancellationRequested) return Failed("Interrupted", "The kernel is shutting down.");
                Log($"the interrupted cell did not stop within {InterruptGrace.TotalSeconds:0} s; its engine is abandoned and a fresh one started.");
                await RestartEngineAsync();
                return Failed("KernelReset", $"The cell did not stop within {InterruptGrace.TotalSeconds:0} s of the interrupt (code that never checks for " +
                                             "cancellation, such as Thread.Sleep or a tight loop, cannot be stopped inside the process). The kernel started " +
                                             "a fresh C# engine: variables and loaded packages are gone, so run the notebook from the top. Restart the " +
                                             "kernel to also free the thread the abandoned cell still holds.");
            }
        }
        var result = await submit;
        streams.Flush();
        if (interrupted.IsCompleted && !result.Succeeded)
        {
            var outputs = result.Outputs.Where(o => o.Kind != CellOutputKind.Error).ToList();
            outputs.Add(new CellOutput(CellOutputKind.Error, ErrorName: "Interrupted", ErrorValue: "The cell was interrupted.", Traceback: []));
            return new CellExecution(false, outputs);
        }
        return result;
    }

    private static CellExecution Failed(string name, string message) =>
        new(false, [new CellOutput(CellOutputKind.Error, ErrorName: name, ErrorValue: message, Traceback: [message])]);

    private void PublishLive(JupyterMessage request, LiveOutput live, int count, List<string> displays, HashSet<string> claimed)
    {
        var output = live.Output;
        switch (output.Kind)
        {
            case CellOutputKind.ExecuteResult:
                Publish("execute_result", new JsonObject { ["execution_count"] = count, ["data"] = WithFallback(Data(output.Data)), ["metadata"] = new JsonObject() }, request);
                break;
            case CellOutputKind.DisplayData when !live.IsUpdate:
                var id = output.DisplayId ?? Guid.NewGuid().ToString("N");
                displays.Add(id);
                Publish("display_data", DisplayContent(output, id), request);
                break;
            case CellOutputKind.DisplayData:
                Publish("update_display_data", DisplayContent(output, UpdateTarget(output.DisplayId, displays, claimed)), request);
                break;
        }
    }

    /// <summary>
    /// The display an update refers to. The engine's update ids differ from its display ids (see
    /// CSharpNotebookEngine.Collect), so an unknown update id claims this cell's latest unclaimed display, the rule
    /// <c>workbench run</c> applies when it folds updates into the notebook.
    /// </summary>
    private string UpdateTarget(string? updateId, List<string> displays, HashSet<string> claimed)
    {
        if (updateId is null) return displays.LastOrDefault() ?? Guid.NewGuid().ToString("N");
        if (displays.Contains(updateId)) return updateId;
        if (_updateTargets.TryGetValue(updateId, out var known)) return known;
        var target = displays.LastOrDefault(d => !claimed.Contains(d));
        if (target is null) return updateId;
        claimed.Add(target);
        _updateTargets[updateId] = target;
        return target;
    }

    private JsonObject DisplayContent(CellOutput output, string displayId) => new()
    {
        ["data"] = WithFallback(Data(output.Data)), ["metadata"] = new JsonObject(), ["transient"] = new JsonObject { ["display_id"] = displayId },
    };

    /// <summary>
    /// <paramref name="data"/> with the static SVG of the figure it holds, if any (<see cref="JupyterKernelOptions.StaticFigureFallback"/>).
    /// Drawn before the output is published, on the cell's thread, so the output arrives whole and in order, before the
    /// cell's reply; the session's first figure waits for the browser to start.
    /// </summary>
    private JsonObject WithFallback(JsonObject data)
    {
        _figures?.AddAsync(data, asLines: false).GetAwaiter().GetResult();
        return data;
    }

    private static JsonObject Data(IReadOnlyDictionary<string, string>? data)
    {
        var node = new JsonObject();
        foreach (var (mime, value) in (data ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            JsonNode? parsed = null;
            if (mime.EndsWith("json", StringComparison.Ordinal))
            {
                try { parsed = JsonNode.Parse(value); }
                catch (System.Text.Json.JsonException) { parsed = null; }
            }
            node[mime] = parsed ?? JsonValue.Create(value);
        }
        return node;
    }

    private JupyterMessage Complete(JupyterMessage request)
    {
        var code = Text(request.Content, "code");
        var cursor = CursorOffsets.ToUtf16(code, Number(request.Content, "cursor_pos", code.Length));
        var list = RunEngine(e => e.CompleteAsync(code, cursor), new CompletionList(cursor, cursor, []));
        return Reply(request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(list.Matches.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["cursor_start"] = CursorOffsets.ToCodePoints(code, list.Start),
            ["cursor_end"] = CursorOffsets.ToCodePoints(code, list.End),
            ["metadata"] = new JsonObject(),
        });
    }

    private JupyterMessage Inspect(JupyterMessage request)
    {
        var code = Text(request.Content, "code");
        var cursor = CursorOffsets.ToUtf16(code, Number(request.Content, "cursor_pos", code.Length));
        var found = RunEngine(e => e.InspectAsync(code, cursor), null);
        var data = new JsonObject();
        foreach (var (mime, value) in found?.Data ?? new Dictionary<string, string>()) data[mime] = value;
        return Reply(request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok", ["found"] = found is not null, ["data"] = data, ["metadata"] = new JsonObject(),
        });
    }

    private JupyterMessage IsComplete(JupyterMessage request)
    {
        var code = Text(request.Content, "code");
        // From the syntax tree alone: the answer never waits for the engine (which may still be starting).
        var status = CSharpCompleteness.Check(code);
        var content = new JsonObject
        {
            ["status"] = status switch
            {
                CodeCompleteness.Complete => "complete",
                CodeCompleteness.Incomplete => "incomplete",
                _ => "invalid",
            },
        };
        if (status == CodeCompleteness.Incomplete) content["indent"] = CursorOffsets.NextIndent(code);
        return Reply(request, "is_complete_reply", content);
    }

    /// <summary>Runs an editor service on the engine; a failure (or an engine that did not start) gives <paramref name="fallback"/>.</summary>
    private T RunEngine<T>(Func<IInteractiveEngine, Task<T>> call, T fallback)
    {
        try
        {
            return Task.Run(async () => await call(await _engine)).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log($"editor request failed: {ex.GetBaseException().Message}");
            return fallback;
        }
    }

    /// <summary>The kernel a cell targets: its first-line <c>#!name</c> when that names a kernel, else C#.</summary>
    internal static string CellKernel(string code) => Documents.KernelNames.FromFirstLine(code) ?? "csharp";

    private static string Text(JsonObject content, string name) =>
        content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static bool Flag(JsonObject content, string name, bool fallback) =>
        content[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    private static int Number(JsonObject content, string name, int fallback) =>
        content[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : fallback;
}
