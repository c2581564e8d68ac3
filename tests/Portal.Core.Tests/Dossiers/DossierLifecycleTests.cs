using Portal.Core.Calendar;
using Portal.Core.Dossiers;
using static Portal.Core.Tests.Dossiers.DossierScenarios;

namespace Portal.Core.Tests.Dossiers;

public sealed class DossierLifecycleTests
{
    private static readonly DateTime Later = T0.AddDays(1);

    /// <summary>Every action, as the method a user's click calls.</summary>
    public static readonly Dictionary<string, Action<Dossier>> Actions = new()
    {
        ["Submit"] = d => d.Submit("X-260303-0009", "654321", Later, Citizen),
        ["Accept"] = d => d.Accept(Later.AddDays(3), Later, Desk),
        ["RefuseAtReception"] = d => d.RefuseAtReception("Sai thẩm quyền.", Later, Desk),
        ["RequestSupplement"] = d => d.RequestSupplement("Thiếu giấy tờ.", ["Tờ khai"], Later, Handler),
        ["SubmitSupplement"] = d => d.SubmitSupplement(WorkCalendar, Later, Citizen),
        ["StartProcessing"] = d => d.StartProcessing(Later, Handler),
        ["RequestPayment"] = d => d.RequestPayment(100_000, null, Later, Handler),
        ["Stop"] = d => d.Stop("Không đủ điều kiện.", WorkCalendar, Later, Approver),
        ["Decide"] = d => d.Decide(true, null, WorkCalendar, Later, Approver),
        ["ReturnResult"] = d => d.ReturnResult(ResultReturnMethod.AtDesk, Later, Desk),
        ["Withdraw"] = d => d.Withdraw("Không còn nhu cầu.", WorkCalendar, Later, Citizen),
    };

    /// <summary>The lifecycle of DOMAIN.md: (status, action) → resulting status; anything absent is refused.</summary>
    public static readonly Dictionary<(DossierStatus, string), DossierStatus> Allowed = new()
    {
        [(DossierStatus.Draft, "Submit")] = DossierStatus.Submitted,
        [(DossierStatus.Submitted, "Accept")] = DossierStatus.Received,
        [(DossierStatus.Submitted, "RefuseAtReception")] = DossierStatus.RefusedAtReception,
        [(DossierStatus.Submitted, "RequestSupplement")] = DossierStatus.AwaitingSupplement,
        [(DossierStatus.Submitted, "Withdraw")] = DossierStatus.Withdrawn,
        [(DossierStatus.Received, "StartProcessing")] = DossierStatus.InProcess,
        [(DossierStatus.Received, "Withdraw")] = DossierStatus.Withdrawn,
        [(DossierStatus.InProcess, "RequestSupplement")] = DossierStatus.AwaitingSupplement,
        [(DossierStatus.InProcess, "RequestPayment")] = DossierStatus.AwaitingPayment,
        [(DossierStatus.InProcess, "Stop")] = DossierStatus.Stopped,
        [(DossierStatus.InProcess, "Decide")] = DossierStatus.Decided,
        [(DossierStatus.InProcess, "Withdraw")] = DossierStatus.Withdrawn,
        [(DossierStatus.AwaitingSupplement, "SubmitSupplement")] = DossierStatus.InProcess,
        [(DossierStatus.AwaitingSupplement, "Stop")] = DossierStatus.Stopped,
        [(DossierStatus.AwaitingSupplement, "Withdraw")] = DossierStatus.Withdrawn,
        [(DossierStatus.AwaitingPayment, "Stop")] = DossierStatus.Stopped,
        [(DossierStatus.AwaitingPayment, "Withdraw")] = DossierStatus.Withdrawn,
        [(DossierStatus.Decided, "ReturnResult")] = DossierStatus.ResultReturned,
    };

    public static TheoryData<DossierStatus, string> EveryStatusAndAction()
    {
        var data = new TheoryData<DossierStatus, string>();
        foreach (var status in Enum.GetValues<DossierStatus>())
        {
            foreach (var action in Actions.Keys)
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void Every_action_in_every_status_follows_the_lifecycle_and_a_refusal_changes_nothing(DossierStatus status, string action)
    {
        var dossier = InStatus(status);
        var version = dossier.Version;
        var history = dossier.History.Count;

        if (Allowed.TryGetValue((status, action), out var expected))
        {
            Actions[action](dossier);
            Assert.Equal(expected, dossier.Status);
            Assert.Equal(history + 1, dossier.History.Count);
            var entry = dossier.History[^1];
            Assert.Equal((status, expected, action), (entry.From, entry.To, entry.Action));
            Assert.Equal(Later, entry.At);
            Assert.True(dossier.Version > version);
        }
        else
        {
            var refused = Assert.Throws<DomainException>(() => Actions[action](dossier));
            Assert.False(string.IsNullOrWhiteSpace(refused.Vietnamese));
            Assert.False(string.IsNullOrWhiteSpace(refused.English));
            Assert.Equal(status, dossier.Status);
            Assert.Equal(version, dossier.Version);
            Assert.Equal(history, dossier.History.Count);
        }
    }

    [Fact]
    public void A_supplement_asked_at_reception_sends_the_dossier_back_to_the_reception_queue_without_starting_the_clock()
    {
        var d = InStatus(DossierStatus.AwaitingSupplement, supplementAtReception: true);
        Assert.Null(d.ReceivedAt);
        Assert.Equal(0, d.ProcessingSupplementCount);
        d.SubmitSupplement(WorkCalendar, Later, Citizen);
        Assert.Equal(DossierStatus.Submitted, d.Status);
        Assert.Null(d.PausedSince);
        Assert.Equal(0, d.PausedMinutes);
        // Refused later at reception: it was never received, so it has no end of processing.
        d.RefuseAtReception("Không bổ sung đúng yêu cầu.", Later.AddHours(1), Desk);
        Assert.Null(d.FinishedAt);
    }

    [Fact]
    public void A_supplement_during_processing_pauses_the_clock_and_pushes_the_due_date_by_the_paused_working_time()
    {
        var d = InStatus(DossierStatus.InProcess);
        var due = d.DueAt!.Value;
        // Monday 02/03 12:00 local (lunch) → Wednesday 04/03 12:00: two full working days paused.
        var pause = new DateTime(2026, 3, 2, 5, 0, 0, DateTimeKind.Utc);
        d.RequestSupplement("Thiếu bản sao.", ["Bản sao giấy tờ"], pause, Handler);
        Assert.Equal(pause, d.PausedSince);
        d.SubmitSupplement(WorkCalendar, pause.AddDays(2), Citizen);
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.Equal(960, d.PausedMinutes);
        Assert.Equal(WorkCalendar.AddWorkingMinutes(due, 960), d.DueAt);
        Assert.Equal(d.PromisedAt, WorkCalendar.PromisedAt(T0.AddHours(1), TimeLimit.WorkingDays(3)));
    }

    [Fact]
    public void A_second_supplement_during_processing_is_allowed_but_counts_the_dossier_late()
    {
        var d = InStatus(DossierStatus.InProcess);
        d.RequestSupplement("Lần 1.", ["A"], T0.AddHours(3), Handler);
        d.SubmitSupplement(WorkCalendar, T0.AddHours(4), Citizen);
        d.RequestSupplement("Lần 2.", ["B"], T0.AddHours(5), Handler);
        d.SubmitSupplement(WorkCalendar, T0.AddHours(6), Citizen);
        d.Decide(true, null, WorkCalendar, T0.AddHours(7), Approver);
        Assert.Equal(2, d.ProcessingSupplementCount);
        Assert.Equal(Timeliness.Late, d.Outcome(WorkCalendar.TimeZone));
    }

    [Fact]
    public void Stopping_while_awaiting_a_supplement_closes_the_pause()
    {
        var d = InStatus(DossierStatus.AwaitingSupplement);
        d.Stop("Không bổ sung.", WorkCalendar, T0.AddHours(13), Approver);
        Assert.Null(d.PausedSince);
        // Monday 12:00 → 22:00 local: ten hours on the clock, of which only the afternoon's four are working time.
        Assert.Equal(240, d.PausedMinutes);
        Assert.Equal(T0.AddHours(13), d.FinishedAt);
        Assert.Equal(Local(2026, 3, 2, 13, 0), d.EffectiveEndAt);
    }

    [Fact]
    public void A_pause_over_Tet_counts_its_working_minutes_only_so_a_dossier_decided_four_working_days_late_is_late()
    {
        var d = Draft();
        d.Submit("000.20.01.H31-260209-0001", "123456", Local(2026, 2, 9, 8, 0), Citizen);
        var received = Local(2026, 2, 9, 9, 0);
        d.Accept(WorkCalendar.PromisedAt(received, TimeLimit.WorkingDays(5)), received, Desk);
        // Five working days from Monday 09/02 09:00 skip Tết (14–22/02): due Monday 23/02 09:00.
        Assert.Equal(Local(2026, 2, 23, 9, 0), d.DueAt);
        d.StartProcessing(received, Handler);
        var events = d.PendingEvents.Count;
        d.RequestSupplement("Thiếu bản sao.", ["Bản sao giấy tờ"], Local(2026, 2, 13, 15, 0), Handler);
        Assert.Equal(ClockChange.Paused, d.PendingEvents[events].Clock);
        Assert.False(d.IsOverdueAt(Local(2026, 2, 23, 10, 0)));
        d.SubmitSupplement(WorkCalendar, Local(2026, 2, 23, 9, 0), Citizen);
        Assert.Equal(ClockChange.Resumed, d.PendingEvents[^1].Clock);

        // Friday 15:00–17:00 and Monday 07:30–09:00: 210 working minutes, though 9 days 18 hours passed on the clock.
        Assert.Equal(210, d.PausedMinutes);
        Assert.Equal(Local(2026, 2, 23, 14, 0), d.DueAt);
        Assert.True(d.IsOverdueAt(Local(2026, 2, 27, 14, 0)));
        d.Decide(false, null, WorkCalendar, Local(2026, 2, 27, 14, 0), Approver);
        Assert.Equal(Local(2026, 2, 27, 9, 0), d.EffectiveEndAt);
        Assert.Equal(Timeliness.Late, d.Outcome(WorkCalendar.TimeZone));
        Assert.False(d.IsOverdueAt(Local(2026, 2, 27, 15, 0)));
    }

    [Fact]
    public void An_apology_date_must_be_after_today_and_after_the_current_deadline_and_a_refused_one_uses_nothing_up()
    {
        var d = InStatus(DossierStatus.InProcess);
        var due = d.DueAt!.Value;
        var lateAt = due.AddDays(1);
        var past = Assert.Throws<DomainException>(() => d.IssueApology(WorkCalendar.ToUtc(WorkCalendar.LocalDate(lateAt), WorkCalendar.Options.AfternoonEnd),
            "Cần xác minh thêm.", WorkCalendar, lateAt, Approver));
        Assert.Contains("sau ngày hôm nay", past.Vietnamese, StringComparison.Ordinal);
        var early = Assert.Throws<DomainException>(() => d.IssueApology(due.AddMinutes(-30), "Cần xác minh thêm.", WorkCalendar, T0.AddHours(3), Approver));
        Assert.Contains("sau hạn giải quyết hiện tại", early.Vietnamese, StringComparison.Ordinal);
        Assert.Null(d.ApologyIssuedAt);
        Assert.Equal(due, d.DueAt);
        var later = due.AddDays(3);
        d.IssueApology(later, "Cần xác minh thêm.", WorkCalendar, T0.AddHours(3), Approver);
        Assert.Equal(later, d.DueAt);
    }

    [Fact]
    public void Payment_requested_during_processing_resumes_processing_when_paid_online()
    {
        var d = InStatus(DossierStatus.AwaitingPayment);
        d.RecordPayment(online: true, Later, Citizen);
        Assert.Equal(DossierStatus.InProcess, d.Status);
        Assert.Equal(PaymentState.PaidOnline, d.Payment);
        Assert.Throws<DomainException>(() => d.RecordPayment(online: true, Later, Citizen));
    }

    [Fact]
    public void The_apology_moves_the_date_once_only()
    {
        var d = InStatus(DossierStatus.InProcess);
        var newDate = d.DueAt!.Value.AddDays(3);
        d.IssueApology(newDate, "Cần xác minh thêm.", WorkCalendar, T0.AddHours(3), Approver);
        Assert.Equal(newDate, d.DueAt);
        var second = Assert.Throws<DomainException>(() => d.IssueApology(newDate.AddDays(1), "Lần nữa.", WorkCalendar, T0.AddHours(4), Approver));
        Assert.Contains("một lần", second.Vietnamese, StringComparison.Ordinal);
        Assert.Equal(newDate, d.DueAt);
    }

    [Fact]
    public void Rating_is_once_and_only_with_an_outcome()
    {
        Assert.Throws<DomainException>(() => InStatus(DossierStatus.InProcess).Rate(5, null, Later));
        var d = InStatus(DossierStatus.ResultReturned);
        Assert.Throws<DomainException>(() => d.Rate(6, null, Later));
        d.Rate(4, "  Nhanh.  ", Later);
        Assert.Equal((byte)4, d.Rating);
        Assert.Equal("Nhanh.", d.RatingComment);
        Assert.Throws<DomainException>(() => d.Rate(5, null, Later));
    }

    [Fact]
    public void Reasons_are_required_for_refusal_stop_withdrawal_and_supplement()
    {
        Assert.Throws<DomainException>(() => InStatus(DossierStatus.Submitted).RefuseAtReception(" ", Later, Desk));
        Assert.Throws<DomainException>(() => InStatus(DossierStatus.InProcess).Stop("", WorkCalendar, Later, Desk));
        Assert.Throws<DomainException>(() => InStatus(DossierStatus.InProcess).Withdraw("", WorkCalendar, Later, Citizen));
        Assert.Throws<DomainException>(() => InStatus(DossierStatus.InProcess).RequestSupplement("Lý do", [], Later, Handler));
    }

    [Fact]
    public void A_walk_in_dossier_is_received_at_once_and_an_online_one_cannot_be_registered_at_the_desk()
    {
        var promised = WorkCalendar.PromisedAt(T0, TimeLimit.WorkingDays(3));
        var d = Dossier.RegisterAtDesk(Procedure, 1, AnApplicant, Channel.InPerson, "X-260302-0002", "111111", promised, T0, Desk);
        Assert.Equal(DossierStatus.Received, d.Status);
        Assert.Equal(T0, d.ReceivedAt);
        Assert.Equal(promised, d.PromisedAt);
        Assert.Single(d.History);
        Assert.Throws<DomainException>(() =>
            Dossier.RegisterAtDesk(Procedure, 1, AnApplicant, Channel.Online, "X-260302-0003", "111111", promised, T0, Desk));
    }

    [Fact]
    public void Returning_online_needs_an_electronic_result()
    {
        var d = InStatus(DossierStatus.InProcess);
        d.Decide(false, null, WorkCalendar, Later, Approver);
        Assert.Throws<DomainException>(() => d.ReturnResult(ResultReturnMethod.Online, Later, Actor.System));
        d.AttachElectronicResult(Later);
        d.ReturnResult(ResultReturnMethod.Online, Later, Actor.System);
        Assert.Equal(DossierStatus.ResultReturned, d.Status);
        Assert.Equal(Later.AddDays(0), d.FinishedAt);
    }

    [Fact]
    public void Every_change_raises_an_event_for_the_outbox()
    {
        var d = InStatus(DossierStatus.Decided);
        Assert.Equal(
            [DossierStatus.Submitted, DossierStatus.Received, DossierStatus.InProcess, DossierStatus.Decided],
            d.PendingEvents.Select(e => e.To));
    }

    private static DateTime Local(int year, int month, int day, int hour, int minute) =>
        WorkCalendar.ToUtc(new DateOnly(year, month, day), new TimeOnly(hour, minute));
}
