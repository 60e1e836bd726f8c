using System.Text.Json;

namespace Workbench.Notebooks.Polyglot;

/// <summary>
/// What differs between the R and the Python kernel: the set-up code run once after start (output options and the
/// helpers that move values), and the code that imports or exports one value.
/// </summary>
/// <remarks>
/// A DataFrame crosses as CSV with a types sidecar (<see cref="FrameTables"/>): R reads it with
/// <c>data.table::fread(colClasses = ...)</c> and writes numeric columns as binary doubles beside the CSV (exact, and fast); pandas reads it with
/// nullable dtypes. Other values cross as JSON (<c>jsonlite</c>, <c>json</c>) with their type named beside them, so an
/// R integer comes back as <see cref="int"/> and a double as <see cref="double"/>. Neither side has Arrow here
/// (not in Debian bookworm).
/// </remarks>
internal abstract class JupyterLanguage
{
    /// <summary>The kernel name ("r", "python").</summary>
    public abstract string KernelName { get; }

    /// <summary>The display name used in messages.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Finds the kernelspec (throws <see cref="KernelMissingException"/> naming the package).</summary>
    public abstract JupyterKernelSpec FindSpec();

    /// <summary>Code run once after the kernel starts.</summary>
    public abstract string Setup { get; }

    /// <summary>Code that binds <paramref name="name"/> to the CSV at <paramref name="csvPath"/> (with its sidecar).</summary>
    public abstract string ImportFrame(string name, string csvPath);

    /// <summary>Code that binds <paramref name="name"/> to the value of <paramref name="json"/>.</summary>
    public abstract string ImportJson(string name, string json);

    /// <summary>Code that prints one line of JSON describing <paramref name="name"/>, writing a frame to <paramref name="csvPath"/>.</summary>
    public abstract string Export(string name, string csvPath);

    /// <summary>A string literal of the language.</summary>
    protected static string Literal(string s) => JsonSerializer.Serialize(s);
}

/// <summary>R through IRkernel.</summary>
internal sealed class RLanguage : JupyterLanguage
{
    public override string KernelName => "r";
    public override string DisplayName => "R";
    public override JupyterKernelSpec FindSpec() => JupyterKernelSpec.R();

    public override string Setup => """
        options(jupyter.rich_display = FALSE, jupyter.plot_mimetypes = c('image/png'), repr.plot.width = 7, repr.plot.height = 5, repr.plot.res = 96)
        .wb_read <- function(path) {
          types <- jsonlite::fromJSON(paste0(path, ".types.json"))
          text <- !types$binary
          cls <- c(int32 = "integer", int64 = "numeric", double = "numeric", boolean = "logical", string = "character", datetime = "character")[types$type[text]]
          names(cls) <- types$name[text]
          df <- if (any(text)) data.table::fread(path, colClasses = cls, na.strings = "", data.table = FALSE, encoding = "UTF-8") else NULL
          out <- vector("list", nrow(types))
          for (i in seq_len(nrow(types))) {
            v <- if (types$binary[i]) {
              con <- file(paste0(path, ".", i - 1L, ".bin"), "rb"); x <- readBin(con, "double", n = types$rows[i], size = 8L, endian = "little"); close(con); x
            } else df[[types$name[i]]]
            if (types$type[i] == "datetime") v <- as.POSIXct(v, format = "%Y-%m-%dT%H:%M:%OSZ", tz = "UTC")
            out[[i]] <- v
          }
          names(out) <- types$name
          res <- as.data.frame(out, stringsAsFactors = FALSE, check.names = FALSE)
          for (i in which(types$type == "int64")) attr(res[[i]], "wb_type") <- "int64"
          res
        }
        .wb_type <- function(x) {
          if (inherits(x, "POSIXct") || inherits(x, "Date")) "datetime"
          else if (is.logical(x)) "boolean"
          else if (is.integer(x) && !is.factor(x)) "int32"
          else if (is.numeric(x)) { if (identical(attr(x, "wb_type"), "int64")) "int64" else "double" }
          else "string"
        }
        .wb_export <- function(name, path) {
          if (!exists(name, envir = globalenv())) return(cat(jsonlite::toJSON(list(kind = "error", message = paste0("R has no variable '", name, "'")), auto_unbox = TRUE), "\n"))
          x <- get(name, envir = globalenv())
          if (is.data.frame(x)) {
            x <- as.data.frame(x)
            types <- vapply(x, .wb_type, "")
            binary <- types %in% c("double", "int64")
            for (i in which(binary)) {
              con <- file(paste0(path, ".", i - 1L, ".bin"), "wb")
              writeBin(as.double(x[[i]]), con, size = 8L, endian = "little")
              close(con)
            }
            out <- x[, !binary, drop = FALSE]
            for (n in names(out)) {
              v <- out[[n]]
              if (types[[n]] == "datetime") { s <- format(as.POSIXct(v, tz = "UTC"), "%Y-%m-%dT%H:%M:%OS6Z", tz = "UTC"); s[is.na(v)] <- NA; out[[n]] <- s }
              else if (is.factor(v)) out[[n]] <- as.character(v)
            }
            if (ncol(out) > 0) data.table::fwrite(out, path, na = "", logical01 = FALSE) else file.create(path)
            writeLines(jsonlite::toJSON(data.frame(name = names(x), type = unname(types), binary = binary, rows = nrow(x))), paste0(path, ".types.json"))
            cat(jsonlite::toJSON(list(kind = "frame"), auto_unbox = TRUE), "\n")
          } else if (is.atomic(x) && is.null(dim(x))) {
            kind <- if (length(x) == 1) "scalar" else "vector"
            cat(jsonlite::toJSON(list(kind = kind, type = .wb_type(x), value = if (is.factor(x)) as.character(x) else unname(x)), auto_unbox = TRUE, digits = NA, na = "null"), "\n")
          } else if (is.list(x)) {
            cat(jsonlite::toJSON(list(kind = "json", value = x), auto_unbox = TRUE, digits = NA, na = "null", null = "null"), "\n")
          } else {
            cat(jsonlite::toJSON(list(kind = "error", message = paste0("an R ", class(x)[1], " is neither a data.frame, an atomic vector nor a list")), auto_unbox = TRUE), "\n")
          }
        }
        invisible(NULL)
        """;

    public override string ImportFrame(string name, string csvPath) => $"{name} <- .wb_read({Literal(csvPath)}); invisible(NULL)";

    public override string ImportJson(string name, string json) =>
        $"{name} <- jsonlite::fromJSON({Literal(json)}, simplifyVector = TRUE); invisible(NULL)";

    public override string Export(string name, string csvPath) => $".wb_export({Literal(name)}, {Literal(csvPath)})";
}

/// <summary>Python through ipykernel (pandas for frames).</summary>
internal sealed class PythonLanguage : JupyterLanguage
{
    public override string KernelName => "python";
    public override string DisplayName => "Python";
    public override JupyterKernelSpec FindSpec() => JupyterKernelSpec.Python();

    public override string Setup => """
        def _wb_read(path):
            import json, numpy as np, pandas as pd
            with open(path + ".types.json", encoding="utf-8") as f:
                types = json.load(f)
            kinds = {"int32": "Int32", "int64": "Int64", "double": "float64", "boolean": "boolean", "string": "string", "datetime": "string"}
            text = [t for t in types if not t.get("binary")]
            df = pd.read_csv(path, dtype={t["name"]: kinds[t["type"]] for t in text}, keep_default_na=False, na_values=[""],
                             true_values=["true"], false_values=["false"], encoding="utf-8",
                             float_precision="round_trip", skip_blank_lines=False) if text else None
            out = {}
            for i, t in enumerate(types):
                if t.get("binary"):
                    v = np.fromfile("%s.%d.bin" % (path, i), dtype="<f8")
                    out[t["name"]] = pd.array(v, dtype="Int64") if t["type"] == "int64" else v
                elif t["type"] == "datetime":
                    out[t["name"]] = pd.to_datetime(df[t["name"]], format="%Y-%m-%dT%H:%M:%S.%fZ").values
                else:
                    out[t["name"]] = df[t["name"]].array
            return pd.DataFrame(out)

        def _wb_type(s):
            import pandas.api.types as pt
            if pt.is_bool_dtype(s.dtype): return "boolean"
            if pt.is_integer_dtype(s.dtype): return "int32" if str(s.dtype).lower() in ("int8", "int16", "int32", "uint8", "uint16") else "int64"
            if pt.is_float_dtype(s.dtype): return "double"
            if pt.is_datetime64_any_dtype(s.dtype): return "datetime"
            return "string"

        def _wb_export(name, path):
            import json
            g = globals()
            if name not in g:
                print(json.dumps({"kind": "error", "message": "Python has no variable '%s'" % name})); return
            x = g[name]
            try:
                import pandas as pd
            except ImportError:
                pd = None
            if pd is not None and isinstance(x, pd.DataFrame):
                types = [{"name": str(c), "type": _wb_type(x[c])} for c in x.columns]
                x.to_csv(path, index=False, na_rep="", float_format="%.17g", date_format="%Y-%m-%dT%H:%M:%S.%fZ", encoding="utf-8")
                with open(path + ".types.json", "w", encoding="utf-8") as f:
                    json.dump(types, f)
                print(json.dumps({"kind": "frame"})); return
            def plain(v):
                if hasattr(v, "item") and not isinstance(v, (list, tuple, dict)):
                    try: return v.item()
                    except Exception: pass
                if hasattr(v, "tolist"): return v.tolist()
                if isinstance(v, (list, tuple)): return [plain(i) for i in v]
                if isinstance(v, dict): return {str(k): plain(i) for k, i in v.items()}
                return v
            v = plain(x)
            kind = "scalar" if isinstance(v, (bool, int, float, str)) or v is None else "json"
            t = {bool: "boolean", int: "int64", float: "double", str: "string"}.get(type(v), "string") if kind == "scalar" else None
            try:
                print(json.dumps({"kind": kind, "type": t, "value": v}, allow_nan=False))
            except (TypeError, ValueError) as e:
                print(json.dumps({"kind": "error", "message": "a Python %s cannot be shared: %s" % (type(x).__name__, e)}))
        """;

    public override string ImportFrame(string name, string csvPath) => $"{name} = _wb_read({Literal(csvPath)})";

    public override string ImportJson(string name, string json) => $"import json as _wb_json\n{name} = _wb_json.loads({Literal(json)})";

    public override string Export(string name, string csvPath) => $"_wb_export({Literal(name)}, {Literal(csvPath)})";
}
