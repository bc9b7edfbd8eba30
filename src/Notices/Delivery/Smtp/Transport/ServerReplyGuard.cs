using MailKit;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// Watches what the server sends, through MailKit's protocol-logger hook (it sees every byte after TLS, before MailKit
/// parses it), for two things MailKit itself lets through:
/// <list type="bullet">
/// <item>A reply line over 8 KB (RFC 5321 allows 512 bytes), or a reply of many lines over 64 KB: a hostile or broken
/// server could otherwise make the client buffer without end (every read returns data, so no timeout fires). The read
/// fails at once.</item>
/// <item>Bytes after the 354 that invites the message and before the message was sent: an early "250" would be taken
/// as the answer to a message the server has not seen, and every later reply would answer the wrong command.</item>
/// </list>
/// Nothing is logged: replies can quote patient addresses.
/// </summary>
internal sealed class ServerReplyGuard : IProtocolLogger
{
    public const int MaxLineBytes = 8 * 1024;

    /// <summary>One reply, all its lines: a server may send a few kilobytes of EHLO; a flood is not a reply.</summary>
    public const int MaxReplyBytes = 64 * 1024;
    private int _lineLength;
    private int _replyBytes;
    private byte _fourth; // the byte after the code: ' ' ends a reply, '-' continues it
    private int _lineStart; // first bytes of the current line, enough to recognise "354 "
    private bool _afterDataInvitation;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>While connecting: the command the client sent last, so a refusal names its stage.</summary>
    public SmtpStage ConnectStage { get; private set; } = SmtpStage.Greeting;

    /// <summary>Set while the session is being opened (greeting, EHLO, STARTTLS, AUTH); message data is not parsed.</summary>
    public bool Connecting { get; set; }

    /// <summary>The server sent something after its 354 while the message was still being written.</summary>
    public bool RepliedBeforeMessage { get; private set; }

    /// <summary>The message has been written; from here the server's reply to it is expected.</summary>
    public void MessageWritten() => _afterDataInvitation = false;

    public void LogConnect(Uri uri)
    {
        ConnectStage = SmtpStage.Greeting;
        _lineLength = 0;
        _replyBytes = 0;
        _afterDataInvitation = false;
        RepliedBeforeMessage = false;
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        if (!Connecting || count < 4)
        {
            return;
        }

        var verb = System.Text.Encoding.ASCII.GetString(buffer, offset, Math.Min(count, 8));
        ConnectStage = verb.StartsWith("STARTTLS", StringComparison.OrdinalIgnoreCase) ? SmtpStage.StartTls
            : verb.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase) || verb.StartsWith("HELO", StringComparison.OrdinalIgnoreCase) ? SmtpStage.Ehlo
            : verb.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase) ? SmtpStage.Auth
            : ConnectStage;
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (_afterDataInvitation && count > 0)
        {
            RepliedBeforeMessage = true;
        }

        for (var i = offset; i < offset + count; i++)
        {
            var b = buffer[i];
            if (b == '\n')
            {
                // "354 " or "354\r": the server invites the message; nothing more may come until it is sent.
                _afterDataInvitation = _lineLength >= 3 && _lineStart == 0x333534 && i + 1 == offset + count;
                if (_lineLength >= 3 && _lineStart == 0x333534 && i + 1 < offset + count)
                {
                    RepliedBeforeMessage = true;
                }

                if (_lineLength <= 4 || _fourth == ' ')
                {
                    _replyBytes = 0; // the last line of a reply
                }

                _lineLength = 0;
                _lineStart = 0;
                _fourth = 0;
                continue;
            }

            if (_lineLength < 3)
            {
                _lineStart = (_lineStart << 8) | b;
            }
            else if (_lineLength == 3)
            {
                _fourth = b;
            }

            if (++_replyBytes > MaxReplyBytes)
            {
                throw new HostileServerException("the server sent a reply over 64 KB");
            }

            if (++_lineLength > MaxLineBytes)
            {
                throw new HostileServerException("the server sent a reply line over 8 KB");
            }
        }
    }

    public void Dispose()
    {
    }
}
