using System.Text;
using System.Text.Json.Nodes;
using Workbench.Data;
using Workbench.Notebooks.Jupyter;

namespace Workbench.Tests.Kernel;

public sealed class WireProtocolTests
{
    private static readonly byte[] Key = "a0436f6c-1916-498b-8eb9-e81ab9368e84"u8.ToArray();

    private static byte[][] Parts() =>
    [
        """{"msg_id":"1","msg_type":"kernel_info_request"}"""u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(),
    ];

    [Fact]
    public void Sign_KnownMessage_MatchesJupyterClient()
    {
        // Expected value from Fixtures/Kernel/hmac_oracle.py (python3 hmac, as jupyter_client's Session.sign).
        Assert.Equal("23d21ade63d42fc48bbe2721cd9045ceffb260c3521b7d246495f23adfca79a0", new MessageSigner(Key).Sign(Parts()));
    }

    [Fact]
    public void Verify_UpperCaseHex_Accepted()
    {
        var signer = new MessageSigner(Key);
        Assert.True(signer.Verify(Encoding.ASCII.GetBytes(signer.Sign(Parts()).ToUpperInvariant()), Parts()));
    }

    [Fact]
    public void MessageSigner_EmptyKey_Throws() => Assert.Throws<ArgumentException>(() => new MessageSigner([]));

    private static List<byte[]> Frames(MessageSigner signer) =>
        new JupyterMessage(["client-1"u8.ToArray()], JupyterMessage.NewHeader("execute_request", "s1"), new JsonObject(), new JsonObject(),
            new JsonObject { ["code"] = "1+1" }, ["buffer"u8.ToArray()]).ToFrames(signer);

    [Fact]
    public void TryParse_SignedFrames_RoundTrips()
    {
        var signer = new MessageSigner(Key);
        var message = JupyterMessage.TryParse(Frames(signer), signer, out var error);
        Assert.NotNull(message);
        Assert.Equal("", error);
        Assert.Equal("execute_request", message.MessageType);
        Assert.Equal("1+1", message.Content["code"]!.GetValue<string>());
        Assert.Equal("client-1"u8.ToArray(), Assert.Single(message.Identities));
        Assert.Equal("buffer"u8.ToArray(), Assert.Single(message.Buffers));
        Assert.Equal("5.3", message.Header["version"]!.GetValue<string>());
    }

    [Fact]
    public void TryParse_ContentChangedAfterSigning_Rejected()
    {
        var signer = new MessageSigner(Key);
        var frames = Frames(signer);
        frames[^2] = """{"code":"System.IO.File.Delete(\"x\")"}"""u8.ToArray();
        Assert.Null(JupyterMessage.TryParse(frames, signer, out var error));
        Assert.Equal("wrong signature", error);
    }

    [Fact]
    public void TryParse_OtherKey_Rejected()
    {
        var frames = Frames(new MessageSigner("another key"u8.ToArray()));
        Assert.Null(JupyterMessage.TryParse(frames, new MessageSigner(Key), out var error));
        Assert.Equal("wrong signature", error);
    }

    [Fact]
    public void TryParse_MissingSignature_Rejected()
    {
        var signer = new MessageSigner(Key);
        var frames = Frames(signer);
        frames[2] = [];
        Assert.Null(JupyterMessage.TryParse(frames, signer, out var error));
        Assert.Equal("missing signature", error);
    }

    [Fact]
    public void TryParse_NoDelimiterOrTooFewFrames_Rejected()
    {
        var signer = new MessageSigner(Key);
        Assert.Null(JupyterMessage.TryParse(Parts(), signer, out var noDelimiter));
        Assert.Contains("delimiter", noDelimiter);
        Assert.Null(JupyterMessage.TryParse([JupyterMessage.Delimiter, "sig"u8.ToArray()], signer, out var short_));
        Assert.Contains("expected at least 5", short_);
    }

    [Fact]
    public void TryParse_SignedButNotJson_Rejected()
    {
        var signer = new MessageSigner(Key);
        byte[][] parts = ["not json"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray()];
        var frames = new List<byte[]> { JupyterMessage.Delimiter, Encoding.ASCII.GetBytes(signer.Sign(parts)) };
        frames.AddRange(parts);
        Assert.Null(JupyterMessage.TryParse(frames, signer, out var error));
        Assert.Contains("not a JSON object", error);
    }

    private static JsonObject Connection() => new()
    {
        ["shell_port"] = 50001, ["iopub_port"] = 50002, ["stdin_port"] = 50003, ["control_port"] = 50004, ["hb_port"] = 50005,
        ["ip"] = "127.0.0.1", ["key"] = "k", ["transport"] = "tcp", ["signature_scheme"] = "hmac-sha256", ["kernel_name"] = "workbench-csharp",
    };

    [Fact]
    public void ConnectionInfo_ValidFile_Parsed()
    {
        var info = ConnectionInfo.Parse(Connection(), "kernel-1.json");
        Assert.Equal("tcp://127.0.0.1:50004", info.Address(info.ControlPort));
        Assert.Equal(50005, info.HeartbeatPort);
    }

    [Theory]
    [InlineData("key", "", "'key' is empty")]
    [InlineData("shell_port", "x", "'shell_port'")]
    [InlineData("transport", "ipc", "transport 'ipc'")]
    [InlineData("signature_scheme", "hmac-md5", "hmac-md5")]
    [InlineData("ip", "localhost.example", "not an IP address")]
    public void ConnectionInfo_BadField_ErrorNamesIt(string field, string value, string expected)
    {
        var json = Connection();
        json[field] = value;
        var ex = Assert.Throws<DataValidationException>(() => ConnectionInfo.Parse(json, "kernel-1.json"));
        Assert.Contains(ex.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal) && e.File == "kernel-1.json");
    }

    [Fact]
    public void ConnectionInfo_PortOutOfRange_Rejected()
    {
        var json = Connection();
        json["hb_port"] = 70000;
        var ex = Assert.Throws<DataValidationException>(() => ConnectionInfo.Parse(json, "c.json"));
        Assert.Contains(ex.Errors, e => e.Message.Contains("'hb_port' is 70000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("abc", 2, 2)]
    [InlineData("a😀b", 2, 3)]
    [InlineData("😀😀x", 3, 5)]
    [InlineData("ab", 9, 2)]
    public void CursorOffsets_CodePointsToUtf16_CountsSurrogatePairsOnce(string text, int codePoints, int utf16)
    {
        Assert.Equal(utf16, CursorOffsets.ToUtf16(text, codePoints));
        Assert.Equal(Math.Min(codePoints, text.EnumerateRunes().Count()), CursorOffsets.ToCodePoints(text, utf16));
    }

    [Theory]
    [InlineData("if (x)\n{", "    ")]
    [InlineData("    var y = Foo(", "        ")]
    [InlineData("  var y = 1 +", "  ")]
    public void CursorOffsets_NextIndent_FollowsOpenBlocks(string code, string indent) => Assert.Equal(indent, CursorOffsets.NextIndent(code));
}
