using System.Globalization;
using System.Text;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// Reads replies from the server with its own buffer, so the stream under it can change (STARTTLS) once the buffer is
/// empty. A line or reply that is not SMTP ends the session (<see cref="InvalidDataException"/>).
/// </summary>
internal sealed class SmtpReplyReader(Stream stream)
{
    private const int MaxLine = 8192;
    private const int MaxLines = 1000;
    private readonly byte[] _buffer = new byte[MaxLine + 2];
    private int _start;
    private int _end;

    public Stream Stream { get; set; } = stream;

    /// <summary>Bytes the server sent that no reply read yet (must be none before TLS starts).</summary>
    public bool HasBufferedData => _end > _start;

    public async Task<SmtpReply> ReadAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var code = -1;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var lineCode)
                || lineCode is < 200 or > 599 || (line.Length > 3 && line[3] is not (' ' or '-')))
            {
                throw new InvalidDataException("the server sent a line that is not an SMTP reply");
            }

            if (code >= 0 && lineCode != code)
            {
                throw new InvalidDataException("the server changed the reply code within a multi-line reply");
            }

            code = lineCode;
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
            {
                return SmtpReply.Create(code, lines);
            }

            if (lines.Count >= MaxLines)
            {
                throw new InvalidDataException("the server sent a reply of too many lines");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = Encoding.UTF8.GetString(_buffer, _start, length);
                _start = newline + 1;
                // The text ends up in the ledger and on the terminal: no escape sequence or NUL from the server.
                return line.Any(char.IsControl) ? string.Concat(line.Select(c => char.IsControl(c) ? '?' : c)) : line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new InvalidDataException("the server sent a reply line over 8 KB");
            }

            var read = await Stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("the server closed the connection");
            }

            _end += read;
        }
    }
}
