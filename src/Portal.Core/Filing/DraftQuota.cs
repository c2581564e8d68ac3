using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Dossiers;

namespace Portal.Core.Filing;

/// <summary>
/// What one account keeps in its unsubmitted drafts, against <see cref="FilingOptions.MaxOpenDrafts"/> and
/// <see cref="FilingOptions.MaxDraftBytesPerAccount"/>. Counted from the drafts themselves each time, so there is no
/// counter to drift: filing a draft, deleting it, or the nightly clean-up frees its room at once. Two requests at the
/// same instant may both pass; each is still held to the per-file and per-dossier limits.
/// </summary>
public static class DraftQuota
{
    public static Task<int> OpenDraftsAsync(PortalDb db, Guid userId, CancellationToken ct) =>
        db.Dossiers.CountAsync(d => d.ApplicantUserId == userId && d.Status == DossierStatus.Draft, ct);

    /// <summary>Bytes of the files in the account's drafts other than <paramref name="exceptDossierId"/> (whose files the caller holds).</summary>
    public static Task<long> StoredBytesAsync(PortalDb db, Guid userId, long exceptDossierId, CancellationToken ct) =>
        db.Dossiers.Where(d => d.ApplicantUserId == userId && d.Status == DossierStatus.Draft && d.Id != exceptDossierId)
            .SelectMany(d => d.Documents).SumAsync(d => d.Size, ct);

    public static (string Vietnamese, string English) TooManyDrafts(int limit) => (
        $"Bạn đang có {limit} hồ sơ nháp chưa nộp, là số tối đa cho một tài khoản. "
            + "Vui lòng nộp hoặc xóa bớt bản nháp cũ trong \"Hồ sơ của tôi\" rồi bắt đầu hồ sơ mới.",
        $"You already have {limit} unsubmitted drafts, the most one account may keep. "
            + "Submit or delete old drafts in \"My dossiers\", then start the new one.");

    public static (string Vietnamese, string English) TooManyBytes(long limit) => (
        $"Tệp này sẽ làm các hồ sơ nháp của bạn vượt tổng {Mb(limit)} MB cho một tài khoản. "
            + "Vui lòng nộp hoặc xóa bớt bản nháp cũ trong \"Hồ sơ của tôi\" (hoặc xóa tệp không cần) rồi tải lại.",
        $"This file would take your drafts past {Mb(limit)} MB in total for one account. "
            + "Submit or delete old drafts in \"My dossiers\" (or remove files you do not need), then upload again.");

    private static string Mb(long bytes) => (bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.InvariantCulture);
}
