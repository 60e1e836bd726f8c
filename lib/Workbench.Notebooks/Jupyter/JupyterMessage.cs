using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workbench.Notebooks.Jupyter;

/// <summary>
/// One Jupyter message (protocol 5.3): routing identities, header, parent header, metadata, content and binary buffers.
/// </summary>
/// <param name="Identities">The ZeroMQ routing prefix (ROUTER sockets) or the topic (IOPub).</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the request this message answers, or an empty object.</param>
/// <param name="Metadata">Message metadata.</param>
/// <param name="Content">The message content.</param>
/// <param name="Buffers">Extra binary frames.</param>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The frame that separates routing identities from the signed message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>The signature the message arrived with (hex); empty for messages built here.</summary>
    public string Signature { get; init; } = "";

    /// <summary>The message type from the header ("execute_request", ...), or "" when missing.</summary>
    public string MessageType => Header["msg_type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>A new header for a message of <paramref name="messageType"/> in <paramref name="session"/>.</summary>
    public static JsonObject NewHeader(string messageType, string session) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = "kernel",
        ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        ["msg_type"] = messageType,
        ["version"] = ProtocolVersion,
    };

    /// <summary>A message of <paramref name="messageType"/> answering <paramref name="parent"/> (routed back to its sender).</summary>
    public static JsonMessageBuilder Reply(JupyterMessage parent, string messageType, string session, JsonObject content) =>
        new(parent.Identities, NewHeader(messageType, session), parent.Header.DeepClone().AsObject(), content);

    /// <summary>The frames to send: identities, delimiter, signature, header, parent header, metadata, content, buffers.</summary>
    public List<byte[]> ToFrames(MessageSigner signer)
    {
        var parts = new[]
        {
            Encoding.UTF8.GetBytes(Header.ToJsonString()),
            Encoding.UTF8.GetBytes(ParentHeader.ToJsonString()),
            Encoding.UTF8.GetBytes(Metadata.ToJsonString()),
            Encoding.UTF8.GetBytes(Content.ToJsonString()),
        };
        var frames = new List<byte[]>(Identities.Count + 6 + Buffers.Count);
        frames.AddRange(Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(parts)));
        frames.AddRange(parts);
        frames.AddRange(Buffers);
        return frames;
    }

    /// <summary>
    /// Parses received frames and checks the signature. Returns null and sets <paramref name="error"/> when the message
    /// is malformed or its signature is missing or wrong: such a message must not be acted on.
    /// </summary>
    public static JupyterMessage? TryParse(IReadOnlyList<byte[]> frames, MessageSigner signer, out string error) =>
        TryParse(frames, signer, out error, out _);

    /// <summary>
    /// Parses received frames as <see cref="TryParse(IReadOnlyList{byte[]}, MessageSigner, out string)"/> does, and tells
    /// the two kinds of rejection apart: <paramref name="signedButMalformed"/> is set when the signature is right but a
    /// part is not valid UTF-8 or not a JSON object. That message came from the key holder, so it deserves an error reply;
    /// it carries the routing identities, the signature and the header when the header itself could be read.
    /// </summary>
    public static JupyterMessage? TryParse(IReadOnlyList<byte[]> frames, MessageSigner signer, out string error, out JupyterMessage? signedButMalformed)
    {
        signedButMalformed = null;
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (!frames[i].AsSpan().SequenceEqual(Delimiter)) continue;
            delimiter = i;
            break;
        }
        if (delimiter < 0) { error = "no <IDS|MSG> delimiter frame"; return null; }
        if (frames.Count < delimiter + 6) { error = $"{frames.Count - delimiter - 1} frames after the delimiter; expected at least 5"; return null; }
        var signature = frames[delimiter + 1];
        var parts = frames.Skip(delimiter + 2).Take(4).ToArray();
        if (!signer.Verify(signature, parts))
        {
            error = signature.Length == 0 ? "missing signature" : "wrong signature";
            return null;
        }
        var identities = frames.Take(delimiter).ToList();
        var signatureText = Encoding.ASCII.GetString(signature);
        var objects = new JsonObject?[4];
        error = "";
        for (var i = 0; i < 4 && error.Length == 0; i++) objects[i] = ReadPart(parts[i], PartNames[i], out error);
        if (error.Length == 0 && !(objects[0]!["msg_type"] is JsonValue type && type.TryGetValue<string>(out var name) && name.Length > 0))
            error = "the header has no msg_type";
        if (error.Length > 0)
        {
            signedButMalformed = new JupyterMessage(identities, objects[0] ?? new JsonObject(), new JsonObject(), new JsonObject(), new JsonObject(), [])
                { Signature = signatureText };
            return null;
        }
        return new JupyterMessage(identities, objects[0]!, objects[1]!, objects[2]!, objects[3]!, frames.Skip(delimiter + 6).ToList())
            { Signature = signatureText };
    }

    private static readonly string[] PartNames = ["header", "parent_header", "metadata", "content"];

    private static JsonObject? ReadPart(byte[] bytes, string name, out string error)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            error = $"the {name} is not valid UTF-8";
            return null;
        }
        try
        {
            error = "";
            return Object(bytes);
        }
        catch (System.Text.Json.JsonException ex)
        {
            error = $"the {name} is not a JSON object: {ex.Message}";
            return null;
        }
    }

    private static JsonObject Object(byte[] bytes) =>
        JsonNode.Parse(bytes) as JsonObject ?? throw new System.Text.Json.JsonException("expected a JSON object");
}

/// <summary>A message being built: <see cref="Build"/> gives the <see cref="JupyterMessage"/>.</summary>
/// <param name="Identities">Routing identities.</param>
/// <param name="Header">The new header.</param>
/// <param name="ParentHeader">The parent's header.</param>
/// <param name="Content">The content.</param>
public sealed record JsonMessageBuilder(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Content)
{
    /// <summary>The message with empty metadata and no buffers.</summary>
    public JupyterMessage Build() => new(Identities, Header, ParentHeader, new JsonObject(), Content, []);
}

/// <summary>HMAC-SHA256 signing of Jupyter messages with the connection file's key.</summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>Creates a signer; the key must not be empty (unsigned messages are never accepted).</summary>
    public MessageSigner(byte[] key)
    {
        if (key.Length == 0) throw new ArgumentException("The signing key is empty; the kernel accepts only signed messages.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The lower-case hex HMAC-SHA256 of the concatenated parts (header, parent header, metadata, content).</summary>
    public string Sign(IReadOnlyList<byte[]> parts) => Convert.ToHexStringLower(Mac(parts));

    /// <summary>True when <paramref name="signature"/> (hex, as sent) is the HMAC of the parts; compares in constant time.</summary>
    public bool Verify(byte[] signature, IReadOnlyList<byte[]> parts)
    {
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Mac(parts)));
        var given = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(signature).ToLowerInvariant());
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private byte[] Mac(IReadOnlyList<byte[]> parts)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var part in parts) hmac.AppendData(part);
        return hmac.GetHashAndReset();
    }
}
