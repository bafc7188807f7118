using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hdl.LanguageServer.Server;

/// <summary>
/// Reads `Content-Length` framed messages from the client and passes only well-formed JSON-RPC messages on to
/// StreamJsonRpc, which stops reading at the first malformed one. A body that is not JSON, or not a JSON-RPC object,
/// is replaced by a call of <see cref="InvalidMessageMethod"/> carrying the error, with the request id when one can
/// be read from the text, so the client gets an error answer. Headers without a length are skipped up to the next
/// `Content-Length:`; a body that runs into the next message (a length too long) is cut there and the rest kept.
/// </summary>
internal sealed partial class MessageFraming(Stream input, PipeWriter output, Action<string> log)
{
    public const string InvalidMessageMethod = "$/hdl/invalidMessage";

    /// <summary>Bodies larger than this are refused: a wrong length must not make the server allocate without bound.</summary>
    private const int MaxBodyBytes = 512 * 1024 * 1024;

    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLength = "Content-Length:"u8.ToArray();

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _inputEnded;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await ReadMessageAsync(cancellationToken).ConfigureAwait(false) is { } body)
            {
                var forwarded = Check(body);
                var header = Encoding.ASCII.GetBytes($"Content-Length: {forwarded.Length}\r\n\r\n");
                await output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(forwarded, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            log($"input closed: {exception.Message}");
        }
        finally
        {
            await output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The body to forward: the message itself, or a call that reports why it was refused.</summary>
    internal static byte[] Check(byte[] body)
    {
        string? problem;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            problem = root.ValueKind != JsonValueKind.Object ? "a JSON-RPC message must be an object"
                : root.TryGetProperty("method", out var method) ? (method.ValueKind == JsonValueKind.String ? null : "'method' must be a string")
                : root.TryGetProperty("id", out _) && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)) ? null
                : "neither a request, a notification nor a response";
            if (problem is null)
            {
                return body;
            }

            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement)
                && idElement.ValueKind is JsonValueKind.Number or JsonValueKind.String ? idElement.GetRawText() : null;
            return Replacement(id, -32600, problem);
        }
        catch (JsonException exception)
        {
            var text = Encoding.UTF8.GetString(body);
            var id = IdPattern().Match(text) is { Success: true } match ? match.Groups[1].Value : null;
            return Replacement(id, -32700, $"parse error: {exception.Message}");
        }
    }

    private static byte[] Replacement(string? id, int code, string message)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            if (id is not null)
            {
                writer.WritePropertyName("id");
                writer.WriteRawValue(id);
            }

            writer.WriteString("method", InvalidMessageMethod);
            writer.WriteStartObject("params");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    [GeneratedRegex("\"id\"\\s*:\\s*(-?\\d{1,15}|\"[^\"\\\\]{0,200}\")")]
    private static partial Regex IdPattern();

    private async Task<byte[]?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var headerEnd = IndexOf(HeaderEnd, _start);
            while (headerEnd < 0)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                headerEnd = IndexOf(HeaderEnd, _start);
            }

            var header = Encoding.ASCII.GetString(_buffer, _start, headerEnd - _start);
            var length = ParseLength(header);
            var firstLengthHeader = IndexOf(ContentLength, _start);
            if (firstLengthHeader > _start && firstLengthHeader < headerEnd)
            {
                // Junk before the header (the tail of a message whose length was too short): drop it and read again.
                log($"skipped {firstLengthHeader - _start} bytes before a message header");
                _start = firstLengthHeader;
                continue;
            }

            _start = headerEnd + HeaderEnd.Length;
            if (length is null or < 0 or > MaxBodyBytes)
            {
                log($"skipped a message header without a usable Content-Length: {header.ReplaceLineEndings(" ")}");
                continue;
            }

            while (_end - _start < length)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }

            var bodyLength = length.Value;
            var next = IndexOf(ContentLength, _start, _start + bodyLength);
            if (next > _start && !IsJson(_buffer.AsSpan(_start, bodyLength)))
            {
                // The length ran into the next message: keep the next message for the next read.
                bodyLength = next - _start;
            }

            var body = _buffer.AsSpan(_start, bodyLength).ToArray();
            _start += bodyLength;
            return body;
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            return JsonDocument.TryParseValue(ref reader, out var document) && document is not null && reader.BytesConsumed == body.Length;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int? ParseLength(string header)
    {
        foreach (var line in header.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line[(colon + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
            {
                return length;
            }
        }

        return null;
    }

    private int IndexOf(byte[] pattern, int from, int to = -1)
    {
        var limit = to < 0 ? _end : Math.Min(to, _end);
        var index = _buffer.AsSpan(from, Math.Max(0, limit - from)).IndexOf(pattern);
        return index < 0 ? -1 : from + index;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_inputEnded)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _inputEnded = true;
            return false;
        }

        _end += read;
        return true;
    }
}
