using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Data;

namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// A Jupyter connection file: where the kernel binds its five sockets and the key that signs every message.
/// Front ends (JupyterLab, VS Code, jupyter_client) write it and start the kernel with its path.
/// </summary>
/// <param name="Transport">"tcp" (the only transport this kernel binds).</param>
/// <param name="IP">The address to bind, e.g. 127.0.0.1; the kernel listens nowhere else.</param>
/// <param name="ShellPort">Port of the shell ROUTER socket (requests and replies).</param>
/// <param name="IOPubPort">Port of the IOPub PUB socket (outputs and status broadcasts).</param>
/// <param name="StdinPort">Port of the stdin ROUTER socket.</param>
/// <param name="ControlPort">Port of the control ROUTER socket (interrupt, shutdown).</param>
/// <param name="HeartbeatPort">Port of the heartbeat REP socket (echo).</param>
/// <param name="Key">The HMAC key; never empty.</param>
/// <param name="SignatureScheme">"hmac-sha256".</param>
public sealed record ConnectionInfo(
    string Transport,
    string IP,
    int ShellPort,
    int IOPubPort,
    int StdinPort,
    int ControlPort,
    int HeartbeatPort,
    string Key,
    string SignatureScheme)
{
    /// <summary>The ZeroMQ address of a port on the connection file's IP, e.g. tcp://127.0.0.1:5555.</summary>
    public string Address(int port) => $"{Transport}://{IP}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The key as bytes (UTF-8), as jupyter_client uses it.</summary>
    public byte[] KeyBytes => Encoding.UTF8.GetBytes(Key);

    /// <summary>Reads and checks a connection file; a bad file throws <see cref="DataValidationException"/> naming the field.</summary>
    public static ConnectionInfo Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Connection file not found: {full}", full);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(full)) as JsonObject ?? throw new JsonException("the top level is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new DataValidationException([new DataError(full, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1,
                $"not a valid connection file: {ex.Message} The front end writes this file; start the kernel from it.")]);
        }
        return Parse(root, full);
    }

    /// <summary>Checks a parsed connection file; <paramref name="source"/> names it in errors.</summary>
    public static ConnectionInfo Parse(JsonObject root, string source)
    {
        var errors = new List<DataError>();
        string Text(string name, string? fallback)
        {
            if (root[name] is JsonValue v && v.TryGetValue<string>(out var s)) return s;
            if (fallback is not null) return fallback;
            errors.Add(new DataError(source, 0, 0, $"'{name}' is missing or not a string; expected e.g. \"{name}\": \"...\"."));
            return "";
        }
        int Port(string name)
        {
            if (root[name] is JsonValue v && v.TryGetValue<int>(out var p) && p is > 0 and < 65536) return p;
            errors.Add(new DataError(source, 0, 0, $"'{name}' is {root[name]?.ToJsonString() ?? "missing"}; expected a TCP port from 1 to 65535."));
            return 0;
        }
        var transport = Text("transport", "tcp");
        var ip = Text("ip", "127.0.0.1");
        var info = new ConnectionInfo(transport, ip, Port("shell_port"), Port("iopub_port"), Port("stdin_port"), Port("control_port"),
            Port("hb_port"), Text("key", null), Text("signature_scheme", "hmac-sha256"));
        if (transport != "tcp")
            errors.Add(new DataError(source, 0, 0, $"transport '{transport}' is not supported; expected \"tcp\"."));
        if (info.SignatureScheme != "hmac-sha256")
            errors.Add(new DataError(source, 0, 0, $"signature_scheme '{info.SignatureScheme}' is not supported; expected \"hmac-sha256\"."));
        if (root["key"] is not null && info.Key.Length == 0)
            errors.Add(new DataError(source, 0, 0, "'key' is empty: this kernel accepts only signed messages. Let the front end generate a key."));
        if (!System.Net.IPAddress.TryParse(ip, out _))
            errors.Add(new DataError(source, 0, 0, $"ip '{ip}' is not an IP address; expected e.g. \"127.0.0.1\"."));
        if (errors.Count > 0) throw new DataValidationException(errors);
        return info;
    }
}
