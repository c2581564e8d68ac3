namespace Portal.Core.Dossiers;

/// <summary>What the agencies' processing steps need from the aggregate (see Processing/).</summary>
public sealed partial class Dossier
{
    /// <summary>
    /// A step inside processing (a hand-off, an assignment) changes no status but belongs on the timeline, and it
    /// must make every page rendered before it stale, like any other change.
    /// </summary>
    public void RecordProcessingStep(string action, string? note, DateTime at, Actor actor)
    {
        RequireText(action, "Thiếu tên thao tác.", "The action is missing.");
        DomainException.Ensure(IsReceived && !Status.IsFinished() && Status != DossierStatus.RefusedAtReception,
            $"Không thể xử lý bước: hồ sơ đang ở trạng thái \"{Status.Vietnamese()}\".",
            $"No processing step is possible: the dossier is \"{Status.English()}\".");
        _history.Add(new DossierHistoryEntry(at, actor, Status, Status, action, note));
        Touch(at);
    }
}
