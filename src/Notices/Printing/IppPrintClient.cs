using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Notices.Printing.Ipp;

namespace Notices.Printing;

/// <summary>
/// A small IPP/1.1 client for CUPS over HTTP: Print-Job with the PDF streamed from disk, Get-Job-Attributes,
/// Get-Jobs and Get-Printer-Attributes. Typed job states and reasons, so nothing depends on <c>lpstat</c>'s
/// localised text.
/// </summary>
public sealed class IppPrintClient : Runs.IPrintQueue, IDisposable
{
    private static readonly string[] JobAttributes = ["job-id", "job-name", "job-state", "job-state-reasons", "job-state-message"];
    private readonly HttpClient _http;
    private readonly CupsEndpoint _endpoint;
    private readonly string _user;
    private int _requestId;

    public IppPrintClient(CupsEndpoint endpoint, string? userName = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _user = string.IsNullOrWhiteSpace(userName) ? Environment.UserName : userName;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10), UseProxy = false })
        {
            Timeout = requestTimeout ?? TimeSpan.FromMinutes(5),
        };
    }

    public CupsEndpoint Endpoint => _endpoint;

    public string Server => _endpoint.ToString();

    /// <returns>The queue's state, or null when CUPS has no such queue.</returns>
    public async Task<PrinterStatus?> GetPrinterAsync(string queue, CancellationToken ct)
    {
        var response = await SendAsync(queue, IppOperation.GetPrinterAttributes,
            [IppAttribute.Keywords("requested-attributes", "printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs")],
            [], null, ct).ConfigureAwait(false);
        if (response.Status == IppStatusCode.ClientErrorNotFound)
        {
            return null;
        }

        EnsureSuccess(response, $"queue '{queue}'");
        var state = response.Find(IppTag.PrinterAttributes, "printer-state")?.First is { IsInteger: true } s ? (PrinterState)s.AsInteger() : PrinterState.Idle;
        var accepting = response.Find(IppTag.PrinterAttributes, "printer-is-accepting-jobs")?.First?.AsBoolean() ?? true;
        return new PrinterStatus(queue, state, Texts(response.Find(IppTag.PrinterAttributes, "printer-state-reasons")),
            NonEmpty(response.Find(IppTag.PrinterAttributes, "printer-state-message")?.First?.ToString()), accepting);
    }

    /// <returns>CUPS's job id.</returns>
    /// <exception cref="PrintRefusedException">CUPS refused the job (queue gone, not accepting, format).</exception>
    public async Task<int> PrintAsync(PrintJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = new List<IppAttribute>
        {
            new("job-name", IppValue.Text(IppTag.NameWithoutLanguage, request.Title)),
            new("document-format", IppValue.Text(IppTag.MimeMediaType, "application/pdf")),
        };
        var job = new List<IppAttribute> { IppAttribute.Keywords("sides", request.Sides) };
        var response = await SendAsync(request.Queue, IppOperation.PrintJob, operation, job, request.PdfPath, ct).ConfigureAwait(false);
        EnsureSuccess(response, $"queue '{request.Queue}'");
        return response.Find(IppTag.JobAttributes, "job-id")?.First is { IsInteger: true } id
            ? id.AsInteger()
            : throw new CupsUnreachableException($"CUPS accepted the job on '{request.Queue}' but gave no job id");
    }

    /// <returns>The job's state, or null when CUPS no longer knows the job (history purged).</returns>
    public async Task<PrintJobStatus?> GetJobAsync(string queue, int jobId, CancellationToken ct)
    {
        var response = await SendAsync(queue, IppOperation.GetJobAttributes,
            [new("job-id", IppValue.Integer(jobId)), IppAttribute.Keywords("requested-attributes", JobAttributes)],
            [], null, ct).ConfigureAwait(false);
        if (response.Status == IppStatusCode.ClientErrorNotFound)
        {
            return null;
        }

        EnsureSuccess(response, string.Create(CultureInfo.InvariantCulture, $"job {jobId} on '{queue}'"));
        return response.GroupsOf(IppTag.JobAttributes).Select(g => ReadJob(g)).FirstOrDefault(j => j is not null);
    }

    /// <summary>Every job of the queue CUPS still remembers (which-jobs=all, any user), oldest first.</summary>
    public async Task<IReadOnlyList<PrintJobStatus>> ListJobsAsync(string queue, CancellationToken ct)
    {
        var response = await SendAsync(queue, IppOperation.GetJobs,
            [IppAttribute.Keywords("which-jobs", "all"), new("my-jobs", IppValue.Boolean(false)), IppAttribute.Keywords("requested-attributes", JobAttributes)],
            [], null, ct).ConfigureAwait(false);
        if (response.Status == IppStatusCode.ClientErrorNotFound)
        {
            return [];
        }

        EnsureSuccess(response, $"queue '{queue}'");
        return [.. response.GroupsOf(IppTag.JobAttributes).Select(ReadJob).OfType<PrintJobStatus>().OrderBy(j => j.JobId)];
    }

    public void Dispose() => _http.Dispose();

    private async Task<IppMessage> SendAsync(string queue, IppOperation operation, IReadOnlyList<IppAttribute> operationAttributes,
        IReadOnlyList<IppAttribute> jobAttributes, string? documentPath, CancellationToken ct)
    {
        var path = "/printers/" + Uri.EscapeDataString(queue);
        var head = new List<IppAttribute>
        {
            new("attributes-charset", IppValue.Text(IppTag.Charset, "utf-8")),
            new("attributes-natural-language", IppValue.Text(IppTag.NaturalLanguage, "en")),
            new("printer-uri", IppValue.Text(IppTag.Uri, _endpoint.IppUri(path))),
            new("requesting-user-name", IppValue.Text(IppTag.NameWithoutLanguage, _user)),
        };
        var groups = new List<IppGroup> { new(IppTag.OperationAttributes, [.. head, .. operationAttributes]) };
        if (jobAttributes.Count > 0)
        {
            groups.Add(new IppGroup(IppTag.JobAttributes, jobAttributes));
        }

        var message = IppCodec.Encode(new IppMessage((short)operation, Interlocked.Increment(ref _requestId), groups));
        using var content = new IppContent(message, documentPath);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.HttpUri(path)) { Content = content };
        request.Headers.ExpectContinue = false;
        try
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new CupsUnreachableException(string.Create(CultureInfo.InvariantCulture,
                    $"CUPS at {_endpoint} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} for queue '{queue}'"));
            }

            return IppCodec.Decode(body);
        }
        catch (HttpRequestException ex)
        {
            throw new CupsUnreachableException($"CUPS at {_endpoint} is not reachable ({ex.HttpRequestError}: {ex.InnerException?.Message ?? ex.Message})", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new CupsUnreachableException($"CUPS at {_endpoint} did not answer within {_http.Timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new CupsUnreachableException($"CUPS at {_endpoint} answered with something that is not IPP ({ex.Message})", ex);
        }
    }

    private static PrintJobStatus? ReadJob(IppGroup group)
    {
        if (group.Find("job-id")?.First is not { IsInteger: true } id || group.Find("job-state")?.First is not { IsInteger: true } state)
        {
            return null;
        }

        return new PrintJobStatus(id.AsInteger(), (PrintJobState)state.AsInteger(), Texts(group.Find("job-state-reasons")),
            NonEmpty(group.Find("job-state-message")?.First?.ToString()), group.Find("job-name")?.First?.ToString());
    }

    private static void EnsureSuccess(IppMessage response, string subject)
    {
        if (!response.IsSuccess)
        {
            var message = response.Find(IppTag.OperationAttributes, "status-message")?.First?.ToString();
            throw new PrintRefusedException(response.Status, string.Create(CultureInfo.InvariantCulture,
                $"CUPS refused the request for {subject}: {StatusName(response.Status)}{(message is null ? "" : " (" + message + ")")}"));
        }
    }

    private static string StatusName(IppStatusCode status) => Enum.IsDefined(status)
        ? status.ToString()
        : "status 0x" + ((int)status).ToString("x4", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Texts(IppAttribute? attribute) =>
        attribute is null ? [] : [.. attribute.Values.Select(v => v.ToString())];

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The encoded request, then the document copied from disk: a large batch is never held in memory.</summary>
    private sealed class IppContent : HttpContent
    {
        private readonly byte[] _message;
        private readonly string? _documentPath;

        public IppContent(byte[] message, string? documentPath)
        {
            _message = message;
            _documentPath = documentPath;
            Headers.ContentType = new MediaTypeHeaderValue("application/ipp");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_message).ConfigureAwait(false);
            if (_documentPath is not null)
            {
                await using var document = new FileStream(_documentPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await document.CopyToAsync(stream).ConfigureAwait(false);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _message.Length + (_documentPath is null ? 0 : new FileInfo(_documentPath).Length);
            return true;
        }
    }
}
