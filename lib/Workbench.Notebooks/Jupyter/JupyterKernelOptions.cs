namespace Workbench.Notebooks.Jupyter;

/// <summary>Options of <see cref="JupyterKernel"/>; change with <c>with</c>.</summary>
public sealed record JupyterKernelOptions
{
    /// <summary>The default of <see cref="MaxFrameBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxFrameBytes = 64L * 1024 * 1024;

    /// <summary>How long an interrupted cell may take to stop before its engine is abandoned and replaced; default 5 s.</summary>
    public TimeSpan InterruptGrace
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(InterruptGrace), value, "InterruptGrace must be positive, e.g. 5 s.");
    } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The largest frame the kernel accepts on any socket; default <see cref="DefaultMaxFrameBytes"/>. ZeroMQ checks the
    /// size announced in a frame's header (socket option ZMQ_MAXMSGSIZE) and disconnects a peer that exceeds it, so an
    /// oversized frame is neither buffered nor HMAC-checked.
    /// </summary>
    public long MaxFrameBytes
    {
        get;
        init => field = value >= 64 * 1024 ? value : throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), value,
            "MaxFrameBytes must be at least 65536 bytes, e.g. 67108864 (64 MiB).");
    } = DefaultMaxFrameBytes;

    /// <summary>
    /// The front end's process id (Jupyter passes it as <c>JPY_PARENT_PID</c>); default null, not watched. When set, the
    /// kernel stops once that process is gone, as ipykernel's parent poller does. See <see cref="ParentWatch"/>.
    /// </summary>
    public int? ParentProcessId
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(ParentProcessId), value, "ParentProcessId must be a process id (> 0) or null.");
    }

    /// <summary>How often the parent process is checked; default 1 s (as ipykernel).</summary>
    public TimeSpan ParentPollInterval
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ParentPollInterval), value, "ParentPollInterval must be positive, e.g. 1 s.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a cell fails with <c>stop_on_error</c>, how long the kernel keeps reading for further requests before it
    /// resumes; default 100 ms (ipykernel's <c>stop_on_error_timeout</c> plays this part). Of the requests read meanwhile,
    /// the execute requests sent before the failure (by their header date) are aborted; the others are served.
    /// </summary>
    public TimeSpan StopOnErrorTimeout
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(StopOnErrorTimeout), value, "StopOnErrorTimeout must not be negative, e.g. 100 ms.");
    } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Give each figure output (a Workbench figure or a plain Plotly.NET chart: the plotly mime type) a static SVG fallback
    /// (<c>image/svg+xml</c>) beside its plotly figure, as <c>workbench run</c> does, so a notebook saved from the editor
    /// shows its charts in viewers without plotly. Default true. One headless Chromium draws them for the whole kernel
    /// session: started at the first figure, ended with the kernel; without a browser the figures keep their plotly figure only.
    /// </summary>
    public bool StaticFigureFallback { get; init; } = true;

    /// <summary>
    /// How long stream text is gathered before it is published as one IOPub <c>stream</c> message; default 200 ms (as
    /// ipykernel's OutStream flush interval). A cell printing in many small writes then sends a few messages, not millions.
    /// </summary>
    public TimeSpan StreamFlushInterval
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(StreamFlushInterval), value, "StreamFlushInterval must be positive, e.g. 200 ms.");
    } = TimeSpan.FromMilliseconds(200);
}
