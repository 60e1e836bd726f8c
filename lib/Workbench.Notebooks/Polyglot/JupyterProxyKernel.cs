using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Workbench.Notebooks.Jupyter;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// A <c>#!r</c> or <c>#!python</c> kernel: forwards cells to the language's real Jupyter kernel, started on the first
/// cell (<see cref="JupyterClient"/>), and maps its IOPub messages to .NET Interactive events: <c>stream</c> to
/// standard output or error, <c>display_data</c> to a display (image/png, image/svg+xml, text), <c>execute_result</c>
/// to the return value and <c>error</c> to a failed cell carrying the kernel's name, message and traceback.
/// </summary>
/// <remarks>
/// Values shared in (<c>#!set</c>) and out (<c>@r:x</c>) are copies: see <see cref="JupyterLanguage"/>. A value that
/// cannot cross fails the cell naming it and why.
/// </remarks>
internal sealed partial class JupyterProxyKernel :
    Kernel,
    IKernelCommandHandler<SubmitCode>,
    IKernelCommandHandler<SendValue>,
    IKernelCommandHandler<RequestValue>
{
    private readonly JupyterLanguage _language;
    private readonly Func<DuckSqlKernel> _sql;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _exchange = Path.Combine(Path.GetTempPath(), $"workbench-values-{Guid.NewGuid():N}");
    private readonly ShareFailures _failures;
    private JupyterClient? _client;

    /// <summary>Creates the kernel; nothing starts until its first cell.</summary>
    /// <param name="language">R or Python.</param>
    /// <param name="sql">The notebook's SQL kernel, whose DuckDB reads frames back typed.</param>
    public JupyterProxyKernel(JupyterLanguage language, Func<DuckSqlKernel> sql) : base(language.KernelName)
    {
        _language = language;
        _sql = sql;
        KernelInfo.LanguageName = language.DisplayName;
        KernelInfo.DisplayName = $"{language.DisplayName} (Jupyter)";
        _failures = ShareFailures.For(this);
        RegisterForDisposal(() =>
        {
            _client?.Dispose();
            try { if (Directory.Exists(_exchange)) Directory.Delete(_exchange, recursive: true); }
            catch (IOException) { }
        });
    }

    /// <summary>Called with the type of a value this kernel hands out, before it is handed out.</summary>
    public Action<Type>? OnShare { get; init; }

    /// <summary>How long the kernel may take to start (default 60 s).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The running kernel's process id, or null before the first cell.</summary>
    public int? ProcessId => _client?.ProcessId;

    private async Task<JupyterClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsAlive: true } running) return running;
        _client?.Dispose();
        var spec = _language.FindSpec();
        var client = await JupyterClient.StartAsync(spec, Directory.GetCurrentDirectory(), StartTimeout, cancellationToken);
        var outputs = new List<JupyterMessage>();
        var reply = await client.ExecuteAsync(_language.Setup, outputs.Add, silent: true, storeHistory: false);
        if (reply["status"]?.GetValue<string>() != "ok")
        {
            client.Dispose();
            throw new InvalidOperationException($"The {_language.DisplayName} kernel's set-up failed: {reply["evalue"]} (is `{spec.InstallHint}` complete, with r-cran-data.table and r-cran-jsonlite for R?)");
        }
        _client = client;
        return client;
    }

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        await _gate.WaitAsync(context.CancellationToken);
        try
        {
            JupyterClient client;
            try { client = await ClientAsync(context.CancellationToken); }
            catch (Exception ex) when (ex is KernelMissingException or InvalidOperationException)
            {
                context.Fail(command, ex, ex.Message);
                return;
            }
            JupyterError? error = null;
            using var interrupt = context.CancellationToken.Register(client.Interrupt);
            JsonObject reply;
            try
            {
                reply = await client.ExecuteAsync(command.Code, message =>
                {
                    if (Map(message, command) is { } e) context.Publish(e);
                    else if (message.MessageType == "error") error = JupyterError.From(message.Content, _language.DisplayName);
                });
            }
            catch (InvalidOperationException ex)
            {
                context.Fail(command, ex, ex.Message);
                return;
            }
            var status = reply["status"]?.GetValue<string>();
            if (status == "ok") return;
            error ??= status == "error" ? JupyterError.From(reply, _language.DisplayName) : null;
            var failure = error ?? new JupyterError("Interrupted", $"The {_language.DisplayName} cell was {status ?? "not run"}.", []);
            context.Fail(command, failure, failure.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Asks the language's kernel for completions (<c>complete_request</c>) at <paramref name="position"/>, a UTF-16
    /// index into <paramref name="code"/> (the cell without its <c>#!</c> line); starts the kernel if needed.
    /// </summary>
    public async Task<(int Start, int End, IReadOnlyList<string> Matches)> CompleteAsync(string code, int position, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync("complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = CodePoints(code, position) }, cancellationToken);
        var matches = (reply["matches"] as JsonArray)?.Select(m => m?.GetValue<string>() ?? "").Where(m => m.Length > 0).ToList() ?? [];
        return (Utf16(code, reply["cursor_start"]?.GetValue<int>() ?? position), Utf16(code, reply["cursor_end"]?.GetValue<int>() ?? position), matches);
    }

    /// <summary>Asks the language's kernel for documentation (<c>inspect_request</c>); null when it has none.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> InspectAsync(string code, int position, CancellationToken cancellationToken)
    {
        var reply = await RequestAsync("inspect_request", new JsonObject { ["code"] = code, ["cursor_pos"] = CodePoints(code, position), ["detail_level"] = 0 }, cancellationToken);
        if (reply["found"]?.GetValue<bool>() != true) return null;
        var data = DataOf(reply).ToDictionary(v => v.MimeType, v => JupyterError.StripAnsi(v.Value), StringComparer.Ordinal);
        return data.Count == 0 ? null : data;
    }

    private async Task<JsonObject> RequestAsync(string type, JsonObject content, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var client = await ClientAsync(cancellationToken);
            return await client.RequestAsync(type, content).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Jupyter counts cursor positions in Unicode code points; .NET strings in UTF-16 units.
    private static int CodePoints(string code, int utf16) => code[..Math.Clamp(utf16, 0, code.Length)].EnumerateRunes().Count();

    private static int Utf16(string code, int codePoints)
    {
        var index = 0;
        foreach (var rune in code.EnumerateRunes())
        {
            if (codePoints-- <= 0) break;
            index += rune.Utf16SequenceLength;
        }
        return index;
    }

    private static KernelEvent? Map(JupyterMessage message, KernelCommand command)
    {
        var content = message.Content;
        switch (message.MessageType)
        {
            case "stream":
                var text = content["text"]?.GetValue<string>() ?? "";
                var values = new[] { new FormattedValue("text/plain", text) };
                return content["name"]?.GetValue<string>() == "stderr"
                    ? new StandardErrorValueProduced(command, values)
                    : new StandardOutputValueProduced(command, values);
            case "display_data":
            case "update_display_data":
                return new DisplayedValueProduced(null, command, DataOf(content), content["transient"]?["display_id"]?.GetValue<string>());
            case "execute_result":
                return new ReturnValueProduced(null, command, DataOf(content), null);
            default:
                return null;
        }
    }

    private static List<FormattedValue> DataOf(JsonObject content)
    {
        var data = new List<FormattedValue>();
        if (content["data"] is not JsonObject bundle) return data;
        foreach (var (mime, value) in bundle)
        {
            var text = value switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonArray lines when lines.All(l => l is JsonValue) => string.Concat(lines.Select(l => l!.GetValue<string>())),
                null => "",
                var other => other.ToJsonString(),
            };
            data.Add(new FormattedValue(mime, text));
        }
        return data;
    }

    async Task IKernelCommandHandler<SendValue>.HandleAsync(SendValue command, KernelInvocationContext context)
    {
        if (!ValidName().IsMatch(command.Name))
        {
            _failures.Add($"The value '{command.Name}' could not be shared into {_language.DisplayName}: it is not a plain variable name.");
            return;
        }
        var value = command.Value ?? ValueJson.Parse(command.FormattedValue);
        string code;
        try
        {
            if (value is DataFrame frame)
            {
                Directory.CreateDirectory(_exchange);
                var path = Path.Combine(_exchange, $"{command.Name}-in.csv");
                FrameTables.WriteCsv(frame, path);
                code = _language.ImportFrame(command.Name, path);
            }
            else
            {
                code = _language.ImportJson(command.Name, ToJson(value));
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            _failures.Add($"The value '{command.Name}' could not be shared into {_language.DisplayName}: {ex.Message}");
            return;
        }
        var result = await RunQuietlyAsync(code, context.CancellationToken);
        if (result.Error is { } failure)
            _failures.Add($"The value '{command.Name}' could not be shared into {_language.DisplayName}: {failure.Message}");
    }

    private static string ToJson(object? value) => value switch
    {
        null => "null",
        double d when !double.IsFinite(d) => throw new NotSupportedException($"{d} has no JSON form."),
        string or bool or int or long or double or float or decimal or short => JsonSerializer.Serialize(value),
        _ when IsPlain(value) => JsonSerializer.Serialize(value, value.GetType()),
        _ => throw new NotSupportedException($"a {value.GetType().Name} is neither a DataFrame, a scalar, an array, a dictionary nor a record."),
    };

    private static bool IsPlain(object value)
    {
        var type = value.GetType();
        if (value is IEnumerable) return true;
        // Records and plain classes with public properties serialise; delegates and handles do not.
        return !typeof(Delegate).IsAssignableFrom(type) && type.GetProperties().Length > 0;
    }

    async Task IKernelCommandHandler<RequestValue>.HandleAsync(RequestValue command, KernelInvocationContext context)
    {
        Directory.CreateDirectory(_exchange);
        var path = Path.Combine(_exchange, $"{command.Name}-out.csv");
        var result = await RunQuietlyAsync(_language.Export(command.Name, path), context.CancellationToken);
        if (result.Error is { } failure)
        {
            context.Fail(command, failure, $"The {_language.DisplayName} value '{command.Name}' could not be shared: {failure.Message}");
            return;
        }
        var line = result.Stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{')) ?? "";
        object? value;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var kind = root.GetProperty("kind").GetString();
            if (kind == "error")
            {
                context.Fail(command, null, $"The {_language.DisplayName} value '{command.Name}' could not be shared: {root.GetProperty("message").GetString()}.");
                return;
            }
            value = kind switch
            {
                "frame" => await FrameTables.ReadCsvAsync(_sql(), path, context.CancellationToken),
                "scalar" => Scalar(root.GetProperty("value"), root.GetProperty("type").GetString()),
                "vector" => Vector(root.GetProperty("value"), root.GetProperty("type").GetString()),
                _ => ValueJson.Parse(new FormattedValue("application/json", root.GetProperty("value").GetRawText())),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            context.Fail(command, ex, $"The {_language.DisplayName} value '{command.Name}' could not be shared: the kernel answered '{line}'.");
            return;
        }
        if (value is not null) OnShare?.Invoke(value.GetType());
        var formatted = value is DataFrame f
            ? new FormattedValue(command.MimeType == "application/json" ? "application/json" : "text/plain",
                command.MimeType == "application/json" ? FrameJson.Serialize(f) : FrameText.Plain(f))
            : new FormattedValue(command.MimeType == "application/json" ? "application/json" : "text/plain",
                command.MimeType == "application/json" ? JsonSerializer.Serialize(value) : FrameText.Cell(value));
        context.Publish(new ValueProduced(value, command.Name, formatted, command));
    }

    private static object? Scalar(JsonElement e, string? type) => e.ValueKind == JsonValueKind.Null ? null : type switch
    {
        "int32" => e.GetInt32(),
        "int64" => e.GetInt64(),
        "double" => e.GetDouble(),
        "boolean" => e.GetBoolean(),
        "datetime" => DateTime.Parse(e.GetString() ?? "", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
        _ => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText(),
    };

    private static object Vector(JsonElement e, string? type)
    {
        var items = e.EnumerateArray().ToList();
        return type switch
        {
            "int32" when items.All(i => i.ValueKind != JsonValueKind.Null) => items.Select(i => i.GetInt32()).ToArray(),
            "int32" => items.Select(i => i.ValueKind == JsonValueKind.Null ? (int?)null : i.GetInt32()).ToArray(),
            "int64" => items.Select(i => i.GetInt64()).ToArray(),
            "double" => items.Select(i => i.ValueKind == JsonValueKind.Null ? double.NaN : i.GetDouble()).ToArray(),
            "boolean" => items.Select(i => i.ValueKind == JsonValueKind.Null ? (bool?)null : i.GetBoolean()).ToArray(),
            _ => items.Select(i => i.ValueKind == JsonValueKind.Null ? null : i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText()).ToArray(),
        };
    }

    private async Task<(string Stdout, JupyterError? Error)> RunQuietlyAsync(string code, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var client = await ClientAsync(cancellationToken);
            var stdout = new System.Text.StringBuilder();
            JupyterError? error = null;
            var reply = await client.ExecuteAsync(code, m =>
            {
                if (m.MessageType == "stream" && m.Content["name"]?.GetValue<string>() == "stdout") stdout.Append(m.Content["text"]?.GetValue<string>());
                else if (m.MessageType == "error") error = JupyterError.From(m.Content, _language.DisplayName);
            }, silent: false, storeHistory: false);
            if (reply["status"]?.GetValue<string>() != "ok") error ??= JupyterError.From(reply, _language.DisplayName);
            return (stdout.ToString(), error);
        }
        catch (Exception ex) when (ex is KernelMissingException or InvalidOperationException)
        {
            return ("", new JupyterError(ex.GetType().Name, ex.Message, []));
        }
        finally
        {
            _gate.Release();
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex ValidName();
}

/// <summary>An error a Jupyter kernel reported: its name (R's "ERROR", Python's "ZeroDivisionError"), message and traceback.</summary>
public sealed partial class JupyterError : Exception, IKernelError
{
    /// <summary>Creates the error.</summary>
    public JupyterError(string errorName, string message, IReadOnlyList<string> traceback) : base(message)
    {
        ErrorName = errorName;
        Traceback = traceback;
    }

    /// <inheritdoc />
    public string ErrorName { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Traceback { get; }

    /// <summary>The error of an <c>error</c> message or an error <c>execute_reply</c> (ANSI colours removed from the message).</summary>
    public static JupyterError From(JsonObject content, string language)
    {
        var name = content["ename"]?.GetValue<string>() ?? "Error";
        var value = Ansi().Replace(content["evalue"]?.GetValue<string>() ?? "", "");
        var traceback = (content["traceback"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? [];
        return new JupyterError(name, $"{language}: {value}", traceback);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join("\n", Traceback.Count > 0 ? Traceback : [$"{ErrorName}: {Message}"]);

    /// <summary><paramref name="text"/> without ANSI colour codes.</summary>
    public static string StripAnsi(string text) => Ansi().Replace(text, "");

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();
}

/// <summary>An error from a kernel other than C#, with the name and traceback a notebook output shows.</summary>
public interface IKernelError
{
    /// <summary>The error name as the language gives it.</summary>
    string ErrorName { get; }

    /// <summary>The traceback lines as the language gives them.</summary>
    IReadOnlyList<string> Traceback { get; }
}
