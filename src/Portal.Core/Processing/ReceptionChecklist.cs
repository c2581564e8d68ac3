using Portal.Core.Catalog;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// What the desk received, as Mẫu 01 lists it: the procedure's documents it ticked, with their copies and the files that
/// carry them. Every mandatory document must be there; the desk asks for a supplement (online) or for the paper (at the
/// counter) otherwise. One rule for the acceptance of an online dossier and for the counter.
/// </summary>
public static class ReceptionChecklist
{
    public sealed record Checked(int Index, int Copies);

    /// <summary>The ticks of a form (document indexes) with their copies, one each where the form gave none.</summary>
    public static List<Checked> FromForm(IEnumerable<int>? ticked, IReadOnlyDictionary<int, int>? copies) =>
        [.. (ticked ?? []).Distinct().Select(i => new Checked(i, copies is not null && copies.TryGetValue(i, out var n) ? n : 1))];

    /// <param name="files">How many uploaded or scanned files carry each document index.</param>
    /// <param name="scannedAtTheDesk">
    /// The desk scanned the files itself (the counter): each counts as received. An online applicant's upload counts only
    /// when the desk ticks it, so that a wrong file can be left out and asked for again.
    /// </param>
    public static List<ReceivedDocument> Build(ProcedureVersion version, IEnumerable<Checked> ticked, IReadOnlyDictionary<int, int> files, bool scannedAtTheDesk)
    {
        var chosen = ticked.Where(c => c.Index >= 0 && c.Index < version.Documents.Count).DistinctBy(c => c.Index).ToDictionary(c => c.Index);
        if (scannedAtTheDesk)
        {
            foreach (var (index, _) in files.Where(f => f.Value > 0 && f.Key >= 0 && f.Key < version.Documents.Count && !chosen.ContainsKey(f.Key)))
            {
                chosen[index] = new Checked(index, version.Documents[index].Count);
            }
        }

        var missing = version.Documents.Select((r, i) => (r, i)).Where(x => x.r.Mandatory && !chosen.ContainsKey(x.i)).Select(x => x.r.Name).ToList();
        DomainException.Ensure(missing.Count == 0,
            $"Chưa nhận đủ giấy tờ bắt buộc: {string.Join("; ", missing)}. Đánh dấu giấy tờ đã nhận, hoặc yêu cầu bổ sung thay vì tiếp nhận.",
            $"Mandatory documents not received: {string.Join("; ", missing)}. Tick what was received, or ask for a supplement instead.");
        return [.. chosen.Values.OrderBy(c => c.Index).Select(c =>
        {
            var requirement = version.Documents[c.Index];
            return new ReceivedDocument(c.Index, requirement.Name, requirement.Form, c.Copies, files.GetValueOrDefault(c.Index));
        })];
    }

    public static IReadOnlyDictionary<int, int> FilesOf(Dossier dossier) =>
        dossier.Documents.Where(d => d.RequirementIndex is not null && d.Kind is DocumentKind.Submitted or DocumentKind.Supplement)
            .GroupBy(d => d.RequirementIndex!.Value).ToDictionary(g => g.Key, g => g.Count());
}
