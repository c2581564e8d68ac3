using Portal.Core.Calendar;

namespace Portal.Core.Dossiers;

public enum PaymentState : byte
{
    /// <summary>Nothing paid (or nothing to pay).</summary>
    None = 0,

    /// <summary>Paid through the online payment gateway: counts for Decision 766.</summary>
    PaidOnline = 1,

    /// <summary>Paid at the desk or by transfer outside the portal.</summary>
    PaidOffline = 2,
}

/// <summary>What becomes of a fee already paid when the applicant withdraws the dossier.</summary>
public enum WithdrawalFee : byte
{
    /// <summary>Nothing was paid: nothing to say.</summary>
    NothingPaid = 0,

    /// <summary>The collecting agency pays the fee back (the portal records the refund as due; it moves no money itself).</summary>
    Refunded = 1,

    /// <summary>The agency had taken up the matter: the fee stays paid.</summary>
    Kept = 2,
}

public enum ResultReturnMethod : byte
{
    AtDesk = 1,
    ByPost = 2,
    Online = 3,
}

/// <summary>A state change, kept until the unit of work saves it (outbox rows and statistics are written from these).</summary>
public sealed record DossierEvent(Dossier Dossier, DossierStatus From, DossierStatus To, DateTime At, string Action, Actor Actor, ClockChange Clock = ClockChange.None);

/// <summary>
/// A dossier (hồ sơ): the aggregate of the one-stop process. Every change goes through a method below; a move
/// the lifecycle of DOMAIN.md does not allow throws <see cref="DomainException"/> and changes nothing.
/// </summary>
public sealed partial class Dossier
{
    private static readonly Dictionary<DossierStatus, DossierStatus[]> Allowed = new()
    {
        [DossierStatus.Draft] = [DossierStatus.Submitted],
        [DossierStatus.Submitted] = [DossierStatus.Received, DossierStatus.AwaitingSupplement, DossierStatus.RefusedAtReception, DossierStatus.Withdrawn],
        [DossierStatus.Received] = [DossierStatus.InProcess, DossierStatus.Withdrawn],
        [DossierStatus.InProcess] = [DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment, DossierStatus.Stopped, DossierStatus.Decided, DossierStatus.Withdrawn],
        [DossierStatus.AwaitingSupplement] = [DossierStatus.Submitted, DossierStatus.InProcess, DossierStatus.RefusedAtReception, DossierStatus.Stopped, DossierStatus.Withdrawn],
        [DossierStatus.AwaitingPayment] = [DossierStatus.InProcess, DossierStatus.Stopped, DossierStatus.Withdrawn],
        [DossierStatus.Decided] = [DossierStatus.ResultReturned],
        [DossierStatus.RefusedAtReception] = [],
        [DossierStatus.Withdrawn] = [],
        [DossierStatus.Stopped] = [],
        [DossierStatus.ResultReturned] = [],
    };

    private readonly List<DossierEvent> _events = [];
    private readonly List<DossierDocument> _documents = [];
    private readonly List<DossierHistoryEntry> _history = [];
    private readonly List<SupplementRequest> _supplementRequests = [];
    private List<ReceivedDocument> _receivedDocuments = [];

    private Dossier()
    {
        Applicant = null!;
    }

    private Dossier(ProcedureRef procedure, int agencyId, Applicant applicant, Channel channel, Guid? applicantUserId, DateTime at)
    {
        ProcedureId = procedure.ProcedureId;
        ProcedureVersionId = procedure.VersionId;
        SectorId = procedure.SectorId;
        AgencyId = agencyId;
        Applicant = applicant;
        ApplicantNameKey = Text.VietnameseText.SearchKey(applicant.FullName);
        ApplicantUserId = applicantUserId;
        Channel = channel;
        Status = DossierStatus.Draft;
        CreatedAt = at;
        UpdatedAt = at;
    }

    public long Id { get; private set; }

    /// <summary>Mã hồ sơ, <c>agency-yymmdd-NNNN</c>; null while a draft.</summary>
    public string? Code { get; private set; }

    /// <summary>Mã tra cứu printed on the receipt for the public lookup page.</summary>
    public string? LookupPin { get; private set; }

    public int ProcedureId { get; private set; }
    public int ProcedureVersionId { get; private set; }
    public int SectorId { get; private set; }
    public int AgencyId { get; private set; }
    public Guid? ApplicantUserId { get; private set; }
    public Applicant Applicant { get; private set; }

    /// <summary>The applicant's name folded for search: lower case, no diacritics, đ → d.</summary>
    public string ApplicantNameKey { get; private set; } = string.Empty;

    public Channel Channel { get; private set; }
    public DossierStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }

    /// <summary>Reception time: the legal clock starts here (from the next opening when after hours).</summary>
    public DateTime? ReceivedAt { get; private set; }

    /// <summary>Supplement requests made during processing; more than one makes the dossier late.</summary>
    public int ProcessingSupplementCount { get; private set; }

    /// <summary>All supplement requests, at reception included (SoLanBoSung).</summary>
    public int SupplementCount { get; private set; }

    public DateTime? ResultReturnedAt { get; private set; }
    public ResultReturnMethod? ResultReturnMethod { get; private set; }
    public bool HasElectronicResult { get; private set; }
    public bool IsDigitised { get; private set; }
    public PaymentState Payment { get; private set; }
    public long? FeeDueVnd { get; private set; }
    public DateTime? SyncedAt { get; private set; }

    /// <summary>The import that brought a legacy dossier in (null for dossiers handled in the portal and for imports before runs were recorded on them).</summary>
    public Guid? ImportRunId { get; private set; }
    public DossierStatus? LastSyncedStatus { get; private set; }
    public byte? Rating { get; private set; }
    public string? RatingComment { get; private set; }
    public DateTime? ApologyIssuedAt { get; private set; }
    public string? StatusNote { get; private set; }

    /// <summary>Optimistic concurrency: every change increments it; a stale save fails.</summary>
    public int Version { get; private set; }

    public DossierFormData? FormData { get; private set; }
    /// <summary>Read-only: documents come and go through <see cref="AddDocument"/>, <see cref="AttachIssuedDocument"/> and <see cref="RemoveDocument"/>.</summary>
    public IReadOnlyList<DossierDocument> Documents => _documents;

    public IReadOnlyList<DossierHistoryEntry> History => _history;

    public IReadOnlyList<SupplementRequest> SupplementRequests => _supplementRequests;

    /// <summary>What the desk checked as received at acceptance (printed on Mẫu 01); empty when taken before the checklist existed.</summary>
    public IReadOnlyList<ReceivedDocument> ReceivedDocuments => _receivedDocuments;

    public IReadOnlyList<DossierEvent> PendingEvents => _events;

    public bool IsReceived => ReceivedAt is not null;

    /// <summary>A citizen starts a draft online.</summary>
    public static Dossier StartDraft(ProcedureRef procedure, int agencyId, Applicant applicant, Guid applicantUserId, DateTime at) =>
        new(procedure, agencyId, applicant, Channel.Online, applicantUserId, at);

    /// <summary>
    /// The one-stop desk records a walk-in (channel 1) or postal (channel 3) dossier; it is received at once,
    /// so it enters the same lifecycle and the statistics' denominator.
    /// </summary>
    public static Dossier RegisterAtDesk(
        ProcedureRef procedure, int agencyId, Applicant applicant, Channel channel, string code, string pin,
        DateTime promisedAt, DateTime at, Actor official, IReadOnlyList<ReceivedDocument>? received = null)
    {
        DomainException.Ensure(channel != Channel.Online,
            "Hồ sơ nộp trực tuyến phải do công dân nộp qua cổng, không ghi nhận tại quầy.",
            "Online dossiers are filed by the applicant on the portal, not recorded at the desk.");
        var dossier = new Dossier(procedure, agencyId, applicant, channel, null, at);
        dossier.AssignCode(code, pin);
        dossier.SubmittedAt = at;
        dossier.ReceivedAt = at;
        dossier.StartClock(promisedAt);
        dossier._receivedDocuments = received is null ? [] : [.. received];
        dossier.MoveTo(DossierStatus.Received, at, official, nameof(RegisterAtDesk), null, bypassTable: true);
        return dossier;
    }

    public bool CanMoveTo(DossierStatus target) => Allowed[Status].Contains(target);

    public void UpdateDraft(Applicant applicant, DateTime at)
    {
        EnsureStatus(DossierStatus.Draft, "cập nhật bản nháp", "update the draft");
        Applicant = applicant;
        ApplicantNameKey = Text.VietnameseText.SearchKey(applicant.FullName);
        Touch(at);
    }

    public void SetFormData(string json, DateTime at)
    {
        DomainException.Ensure(Status is DossierStatus.Draft or DossierStatus.AwaitingSupplement || (Status == DossierStatus.Received && Channel != Channel.Online && FormData is null),
            "Chỉ được sửa tờ khai khi hồ sơ là bản nháp hoặc đang được yêu cầu bổ sung.",
            "The form can only be changed on a draft or while a supplement is requested.");
        if (FormData is null)
        {
            FormData = new DossierFormData(json, at);
        }
        else
        {
            FormData.Replace(json, at);
        }

        Touch(at);
    }

    public void AddDocument(DossierDocument document, DateTime at)
    {
        DomainException.Ensure(Status is DossierStatus.Draft or DossierStatus.AwaitingSupplement or DossierStatus.Received or DossierStatus.InProcess or DossierStatus.Decided,
            "Không thể thêm tài liệu ở trạng thái hiện tại của hồ sơ.",
            "Documents cannot be added in the dossier's current status.");
        _documents.Add(document);
        if (document.Kind is DocumentKind.Submitted or DocumentKind.Supplement)
        {
            IsDigitised = true;
        }

        Touch(at);
    }

    /// <summary>The supplement request still waiting for an answer, if any.</summary>
    public SupplementRequest? OpenSupplementRequest => _supplementRequests.LastOrDefault(r => r.AnsweredAt is null);

    /// <summary>The applicant's own file may go while the draft is open, or while the supplement it answers is open.</summary>
    public bool CanRemove(DossierDocument document) =>
        (Status == DossierStatus.Draft && document.Kind == DocumentKind.Submitted)
        || (Status == DossierStatus.AwaitingSupplement && document.Kind == DocumentKind.Supplement
            && document.UploadedAt >= (OpenSupplementRequest?.RequestedAt ?? DateTime.MaxValue));

    /// <summary>
    /// Removes one of the applicant's own files (null when there is no such file or it may not go now). The stored file is
    /// the caller's to delete, after the commit, so that a failed save keeps both.
    /// </summary>
    public DossierDocument? RemoveDocument(long documentId, DateTime at)
    {
        var document = _documents.SingleOrDefault(d => d.Id == documentId);
        if (document is null || !CanRemove(document))
        {
            return null;
        }

        _documents.Remove(document);
        Touch(at);
        return document;
    }

    /// <summary>
    /// A document the system issued (receipt, forms, fee receipt, the electronic result it generates from a decision):
    /// it records what happened and changes neither the status nor the version, so rendering it in the background never
    /// makes an official's page stale.
    /// </summary>
    public void AttachIssuedDocument(DossierDocument document)
    {
        DomainException.Ensure(document.Kind is DocumentKind.Issued or DocumentKind.Result, "Chỉ đính kèm văn bản do hệ thống phát hành.", "Only system-issued documents are attached this way.");
        _documents.Add(document);
    }

    /// <summary>The citizen files the draft: it gets its code and waits for reception (status 1).</summary>
    public void Submit(string code, string pin, DateTime at, Actor citizen)
    {
        AssignCode(code, pin);
        SubmittedAt = at;
        MoveTo(DossierStatus.Submitted, at, citizen, nameof(Submit), null);
    }

    /// <summary>
    /// The desk accepts an online dossier: reception time and promised date are fixed here, with the checklist of the
    /// documents it actually received (what the receipt lists).
    /// </summary>
    public void Accept(DateTime promisedAt, DateTime at, Actor official, IReadOnlyList<ReceivedDocument>? received = null)
    {
        DomainException.Ensure(promisedAt >= at, "Ngày hẹn trả không được trước thời điểm tiếp nhận.", "The promised date cannot be before reception.");
        DomainException.Ensure(received is null || received.All(r => r.Count is >= 1 and <= 99),
            "Số bản của mỗi giấy tờ đã nhận từ 1 đến 99.", "Each received document counts 1 to 99 copies.");
        MoveTo(DossierStatus.Received, at, official, nameof(Accept), null);
        _receivedDocuments = received is null ? [] : [.. received];
        ReceivedAt = at;
        StartClock(promisedAt);
    }

    /// <summary>The desk refuses to receive (Mẫu 03), with the reason.</summary>
    public void RefuseAtReception(string reason, DateTime at, Actor official)
    {
        RequireText(reason, "Từ chối tiếp nhận phải nêu lý do.", "A refusal must give the reason.");
        DomainException.Ensure(!IsReceived, "Hồ sơ đã được tiếp nhận, không thể từ chối tiếp nhận.", "The dossier has been received; it can no longer be refused at reception.");
        MoveTo(DossierStatus.RefusedAtReception, at, official, nameof(RefuseAtReception), reason);
        FinishedAt = null;
    }

    /// <summary>
    /// A supplement request (Mẫu 02). At reception the clock has not started. During processing the clock pauses;
    /// the law allows one such request, and a second one is recorded but makes the dossier count as late.
    /// </summary>
    public SupplementRequest RequestSupplement(string reason, IReadOnlyList<string> documents, DateTime at, Actor official)
    {
        RequireText(reason, "Yêu cầu bổ sung phải nêu lý do.", "A supplement request must give the reason.");
        DomainException.Ensure(documents.Count > 0 && documents.All(d => !string.IsNullOrWhiteSpace(d)),
            "Yêu cầu bổ sung phải nêu rõ giấy tờ cần bổ sung.", "A supplement request must list the documents to supply.");
        var atReception = Status == DossierStatus.Submitted;
        MoveTo(DossierStatus.AwaitingSupplement, at, official, nameof(RequestSupplement), reason, clock: atReception ? ClockChange.None : ClockChange.Paused);
        var request = new SupplementRequest(at, official, reason, documents, atReception);
        _supplementRequests.Add(request);
        SupplementCount++;
        if (!atReception)
        {
            ProcessingSupplementCount++;
            PauseClock(at);
        }

        return request;
    }

    /// <summary>
    /// The applicant answers a supplement request: back to the reception queue when asked at reception,
    /// back to processing otherwise, with the clock resumed and the deadline pushed by the paused working time.
    /// </summary>
    /// <remarks>The applicant's reply to the desk, if any, is the entry's note: the officials read it on the dossier and in its history.</remarks>
    public void SubmitSupplement(WorkingCalendar calendar, DateTime at, Actor applicant, string? reply = null)
    {
        DomainException.Ensure((reply?.Length ?? 0) <= MaxSupplementReply,
            $"Lời nhắn cho cơ quan dài tối đa {MaxSupplementReply} ký tự; hãy rút gọn rồi nộp lại.",
            $"The message to the agency takes at most {MaxSupplementReply} characters; shorten it and submit again.");
        AnswerSupplement(calendar, at, applicant, nameof(SubmitSupplement), string.IsNullOrWhiteSpace(reply) ? null : reply.Trim());
    }

    public const int MaxSupplementReply = 2000;

    /// <summary>
    /// The desk records the papers an applicant handed in (a walk-in or postal applicant has no online account to answer
    /// with): the same answer as online, with what was received written into the history.
    /// </summary>
    public void ReceiveSupplementAtDesk(string received, WorkingCalendar calendar, DateTime at, Actor desk)
    {
        RequireText(received, "Ghi rõ giấy tờ bổ sung đã nhận.", "Write down the supplementary papers received.");
        AnswerSupplement(calendar, at, desk, nameof(ReceiveSupplementAtDesk), received);
    }

    private void AnswerSupplement(WorkingCalendar calendar, DateTime at, Actor actor, string action, string? note)
    {
        EnsureStatus(DossierStatus.AwaitingSupplement, "nộp bổ sung", "submit a supplement");
        var open = OpenSupplementRequest;
        var atReception = open?.AtReception ?? !IsReceived;
        var target = atReception ? DossierStatus.Submitted : DossierStatus.InProcess;
        EnsureCanMoveTo(target);
        open?.Answer(at);
        MoveTo(target, at, actor, action, note, clock: atReception ? ClockChange.None : ResumeClock(calendar, at));
    }

    /// <summary>The agency starts its steps on a received dossier (a paused or unpaid one resumes through its own action).</summary>
    public void StartProcessing(DateTime at, Actor official)
    {
        EnsureStatus(DossierStatus.Received, "bắt đầu xử lý", "start processing");
        MoveTo(DossierStatus.InProcess, at, official, nameof(StartProcessing), null);
    }

    /// <summary>Asks the applicant to pay a fee or tax before processing goes on (status 6).</summary>
    public void RequestPayment(long amountVnd, string? note, DateTime at, Actor official)
    {
        DomainException.Ensure(amountVnd > 0, "Số tiền phải nộp phải lớn hơn 0.", "The amount due must be greater than zero.");
        MoveTo(DossierStatus.AwaitingPayment, at, official, nameof(RequestPayment), note);
        FeeDueVnd = amountVnd;
    }

    /// <summary>Records a payment; when it was requested during processing, processing resumes.</summary>
    /// <summary>Nothing paid yet and the dossier not closed without a result: a fee can still be paid (online or at the desk).</summary>
    public bool CanBePaid => Payment == PaymentState.None && Status is not (DossierStatus.RefusedAtReception or DossierStatus.Withdrawn or DossierStatus.Stopped);

    public void RecordPayment(bool online, DateTime at, Actor actor)
    {
        DomainException.Ensure(Payment == PaymentState.None, "Hồ sơ đã được ghi nhận thanh toán.", "A payment is already recorded for this dossier.");
        DomainException.Ensure(CanBePaid, "Hồ sơ đã kết thúc, không thể thanh toán.", "The dossier is closed; it cannot be paid.");
        Payment = online ? PaymentState.PaidOnline : PaymentState.PaidOffline;
        if (Status == DossierStatus.AwaitingPayment)
        {
            MoveTo(DossierStatus.InProcess, at, actor, nameof(RecordPayment), online ? "Thanh toán trực tuyến" : "Thanh toán trực tiếp");
        }
        else
        {
            Touch(at);
        }
    }

    /// <summary>Processing is stopped (status 8) with the reason.</summary>
    public void Stop(string reason, WorkingCalendar calendar, DateTime at, Actor official)
    {
        RequireText(reason, "Dừng xử lý phải nêu lý do.", "Stopping must give the reason.");
        DomainException.Ensure(IsReceived, "Chỉ dừng xử lý hồ sơ đã tiếp nhận.", "Only a received dossier can be stopped.");
        EnsureCanMoveTo(DossierStatus.Stopped);
        MoveTo(DossierStatus.Stopped, at, official, nameof(Stop), reason, clock: StopClock(calendar, at));
    }

    /// <summary>The decision (status 9): the end of processing; the electronic result may be attached now or later.</summary>
    public void Decide(bool electronicResult, string? note, WorkingCalendar calendar, DateTime at, Actor official)
    {
        EnsureCanMoveTo(DossierStatus.Decided);
        MoveTo(DossierStatus.Decided, at, official, nameof(Decide), note, clock: StopClock(calendar, at));
        HasElectronicResult |= electronicResult;
    }

    public void AttachElectronicResult(DateTime at)
    {
        DomainException.Ensure(Status is DossierStatus.Decided or DossierStatus.ResultReturned,
            "Chỉ đính kèm kết quả điện tử khi hồ sơ đã xử lý xong.", "An electronic result can only be attached once the dossier is decided.");
        HasElectronicResult = true;
        Touch(at);
    }

    /// <summary>The result is handed to the applicant (status 10), at the desk, by post or online.</summary>
    public void ReturnResult(ResultReturnMethod method, DateTime at, Actor actor)
    {
        DomainException.Ensure(method != Dossiers.ResultReturnMethod.Online || HasElectronicResult,
            "Chưa có kết quả điện tử để trả trực tuyến.", "There is no electronic result to return online.");
        MoveTo(DossierStatus.ResultReturned, at, actor, nameof(ReturnResult), null);
        ResultReturnedAt = at;
        ResultReturnMethod = method;
    }

    /// <summary>
    /// The fee rule of a withdrawal, asked by the withdrawal page before, by the dossier page and the mail after: a fee paid
    /// for a dossier the desk never received is refunded; one paid after reception is kept unless the province refunds those
    /// too (<paramref name="refundAfterReception"/>, Payments:RefundAfterReception). DOMAIN.md is silent on refunds: this is
    /// the portal's stated rule, shown to the applicant before they withdraw.
    /// </summary>
    public WithdrawalFee FeeOnWithdrawal(bool refundAfterReception) =>
        Payment == PaymentState.None ? WithdrawalFee.NothingPaid
        : !IsReceived || refundAfterReception ? WithdrawalFee.Refunded
        : WithdrawalFee.Kept;

    /// <summary>The applicant withdraws the dossier before a decision, with a reason.</summary>
    public void Withdraw(string reason, WorkingCalendar calendar, DateTime at, Actor applicant)
    {
        RequireText(reason, "Rút hồ sơ phải nêu lý do.", "A withdrawal must give the reason.");
        EnsureCanMoveTo(DossierStatus.Withdrawn);
        MoveTo(DossierStatus.Withdrawn, at, applicant, nameof(Withdraw), reason, clock: IsReceived ? StopClock(calendar, at) : ClockChange.None);
    }

    /// <summary>The apology letter (Mẫu 04) moves the working deadline once; the legal classification still counts it late.</summary>
    public void IssueApology(DateTime newDueAt, string reason, WorkingCalendar calendar, DateTime at, Actor official)
    {
        RequireText(reason, "Phiếu xin lỗi phải nêu lý do chậm trễ.", "An apology must give the reason for the delay.");
        DomainException.Ensure(ApologyIssuedAt is null, "Hồ sơ đã có phiếu xin lỗi; ngày hẹn chỉ được lùi một lần.", "An apology was already issued; the date may be moved only once.");
        DomainException.Ensure(IsReceived && !Status.IsFinished(), "Chỉ xin lỗi và hẹn lại với hồ sơ đang giải quyết.", "Only a dossier in progress can get an apology.");
        DomainException.Ensure(calendar.LocalDate(newDueAt) > calendar.LocalDate(at),
            "Ngày hẹn mới phải sau ngày hôm nay: chọn một ngày làm việc từ ngày mai trở đi.", "The new date must be after today: choose a working day from tomorrow on.");
        DomainException.Ensure(DueAt is null || newDueAt > DueAt,
            $"Ngày hẹn mới phải sau hạn giải quyết hiện tại ({calendar.ToLocal(DueAt!.Value):HH:mm dd/MM/yyyy}).",
            $"The new date must be after the current deadline ({calendar.ToLocal(DueAt!.Value):HH:mm dd/MM/yyyy}).");
        ApologyIssuedAt = at;
        DueAt = newDueAt;
        _history.Add(new DossierHistoryEntry(at, official, Status, Status, nameof(IssueApology), reason));
        Touch(at);
    }

    /// <summary>A one-time satisfaction rating (1–5) once the dossier has an outcome.</summary>
    /// <summary>Not rated yet and with an outcome (a result, a refusal or a stop): the rating form is offered.</summary>
    public bool CanBeRated => Rating is null && HasOutcomeToRate;

    private bool HasOutcomeToRate => Status is DossierStatus.Decided or DossierStatus.ResultReturned or DossierStatus.RefusedAtReception or DossierStatus.Stopped;

    public void Rate(byte score, string? comment, DateTime at)
    {
        DomainException.Ensure(score is >= 1 and <= 5, "Điểm đánh giá từ 1 đến 5.", "The rating is from 1 to 5.");
        DomainException.Ensure(Rating is null, "Hồ sơ đã được đánh giá.", "This dossier has already been rated.");
        DomainException.Ensure(HasOutcomeToRate, "Chỉ đánh giá khi hồ sơ đã có kết quả.", "A dossier can be rated once it has an outcome.");
        Rating = score;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Touch(at);
    }

    /// <summary>The national portal acknowledged the current status.</summary>
    public void MarkSynced(DossierStatus status, DateTime at)
    {
        SyncedAt ??= at;
        LastSyncedStatus = status;
    }

    public void ClearEvents() => _events.Clear();

    private void AssignCode(string code, string pin)
    {
        DomainException.Ensure(Code is null, "Hồ sơ đã có mã.", "The dossier already has a code.");
        RequireText(code, "Thiếu mã hồ sơ.", "The dossier code is missing.");
        Code = code;
        LookupPin = pin;
    }

    private void EnsureStatus(DossierStatus expected, string actionVi, string actionEn) =>
        DomainException.Ensure(Status == expected,
            $"Không thể {actionVi}: hồ sơ đang ở trạng thái \"{Status.Vietnamese()}\".",
            $"Cannot {actionEn}: the dossier is \"{Status.English()}\".");

    /// <summary>Checks the move before a change that comes ahead of it (the clock's, a use case's), so that a refused move changes nothing.</summary>
    public void EnsureCanMoveTo(DossierStatus target)
    {
        if (!CanMoveTo(target))
        {
            throw MoveRefusal(target);
        }
    }

    /// <summary>What the transition table answers a move it forbids (a use case whose rule is the table's gives the same answer).</summary>
    public DomainException MoveRefusal(DossierStatus target) => new(
        $"Không thể chuyển hồ sơ từ trạng thái \"{Status.Vietnamese()}\" sang \"{target.Vietnamese()}\".",
        $"A dossier cannot move from \"{Status.English()}\" to \"{target.English()}\".");

    private void MoveTo(DossierStatus target, DateTime at, Actor actor, string action, string? note, bool bypassTable = false, ClockChange clock = ClockChange.None)
    {
        if (!bypassTable)
        {
            EnsureCanMoveTo(target);
        }

        var from = Status;
        Status = target;
        StatusNote = note;
        _history.Add(new DossierHistoryEntry(at, actor, from, target, action, note));
        _events.Add(new DossierEvent(this, from, target, at, action, actor, clock));
        Touch(at);
    }

    private void Touch(DateTime at)
    {
        UpdatedAt = at;
        Version++;
    }

    private static void RequireText(string? value, string vi, string en) =>
        DomainException.Ensure(!string.IsNullOrWhiteSpace(value), vi, en);
}
