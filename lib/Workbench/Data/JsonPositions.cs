using System.Text.Json;

namespace Workbench.Data;

/// <summary>
/// Finds the line and column of every value in a JSON document by its path (<c>$.columns[2].min</c>), so that
/// problems found after parsing can still point into the file.
/// </summary>
internal static class JsonPositions
{
    /// <summary>Maps each JSON path to the 1-based line and column where its value starts.</summary>
    public static IReadOnlyDictionary<string, (int Line, int Column)> Index(byte[] json)
    {
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            // Each frame: the path of the container, whether it is an array, and the next array index.
            var stack = new Stack<(string Path, bool IsArray, int Next)>();
            string? property = null;
            var lineStarts = LineStarts(json);
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    stack.Pop();
                    continue;
                }
                string path;
                if (stack.Count == 0) path = "$";
                else
                {
                    var top = stack.Pop();
                    if (top.IsArray)
                    {
                        path = $"{top.Path}[{top.Next}]";
                        stack.Push(top with { Next = top.Next + 1 });
                    }
                    else
                    {
                        path = $"{top.Path}.{property}";
                        stack.Push(top);
                    }
                }
                result[path] = Position(lineStarts, (int)reader.TokenStartIndex);
                if (token == JsonTokenType.StartObject) stack.Push((path, false, 0));
                else if (token == JsonTokenType.StartArray) stack.Push((path, true, 0));
            }
        }
        catch (JsonException)
        {
            // Positions are a convenience: a document that does not parse has already been reported.
        }
        return result;
    }

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static (int, int) Position(List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - lineStarts[index] + 1);
    }
}
