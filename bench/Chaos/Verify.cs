using Microsoft.EntityFrameworkCore;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;

namespace Portal.Bench.Chaos;

/// <summary>
/// The invariants after the crash loop, read from the database and the pickup folders:
/// every acknowledged submission exists exactly once with the code its citizen saw; every outbox message was sent once
/// (one pickup file per processed mail and SMS row, by message id, and none without a row; nothing left waiting or
/// dead; one follow-up per status change, none twice); every dossier's history replays from its first state to its
/// status through allowed transitions only; every issued document exists once.
/// </summary>
internal static class Verify
{
    /// <summary>The lifecycle of docs/ARCHITECTURE.md, written out again here as the independent oracle.</summary>
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

    public static async Task<List<string>> RunAsync(PortalDb db, string dataDirectory, IReadOnlyCollection<Acknowledged> acks, IReadOnlyCollection<long> started,
        Action<string> report)
    {
        var problems = new List<string>();
        db.Database.SetCommandTimeout(600);
        // The run's own dossiers (the demo seeds a few showcase dossiers of its own, outside the load).
        var run = started.ToHashSet();
        var dossiers = (await db.Dossiers.AsNoTracking().Where(d => d.Status != DossierStatus.Draft).ToListAsync()).Where(d => run.Contains(d.Id)).ToList();
        var byId = dossiers.ToDictionary(d => d.Id);
        var history = (await db.DossierHistory.AsNoTracking().ToListAsync()).GroupBy(h => h.DossierId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Id).ToList());
        var outbox = await db.Outbox.AsNoTracking().ToListAsync();
        var documents = await db.DossierDocuments.AsNoTracking().Where(d => d.Kind == DocumentKind.Issued || d.Kind == DocumentKind.Result).ToListAsync();

        // 1. Every acknowledged submission exists exactly once, with the code its citizen saw.
        foreach (var ack in acks)
        {
            if (!byId.TryGetValue(ack.DossierId, out var d))
            {
                problems.Add($"acknowledged dossier {ack.DossierId} ({ack.Code}) is not filed");
                continue;
            }

            if (d.Code != ack.Code)
            {
                problems.Add($"dossier {ack.DossierId}: the citizen saw {ack.Code}, the database holds {d.Code}");
            }

            var submits = history.GetValueOrDefault(d.Id, []).Count(h => h.Action == nameof(Dossier.Submit));
            if (submits != 1)
            {
                problems.Add($"dossier {d.Code} was submitted {submits} times");
            }
        }

        foreach (var group in (await db.Dossiers.AsNoTracking().Where(d => d.Code != null).Select(d => d.Code).ToListAsync()).GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add($"code {group.Key} is held by {group.Count()} dossiers");
        }

        var unacknowledged = run.Count(id => byId.ContainsKey(id) && acks.All(a => a.DossierId != id));
        report($"Submissions: {acks.Count} acknowledged, {run.Count} drafts started, {dossiers.Count} of them filed, " +
            $"{unacknowledged} filed without the citizen seeing the answer (a kill cut it)");

        // 2. The outbox: nothing waiting or dead; one pickup file per processed mail and SMS row, by message id; none extra.
        var waiting = outbox.Count(m => m.ProcessedAt == null && m.DeadAt == null);
        var dead = outbox.Count(m => m.DeadAt != null);
        if (waiting > 0)
        {
            problems.Add($"{waiting} outbox messages are still waiting");
        }

        if (dead > 0)
        {
            problems.Add($"{dead} outbox messages are dead: " + string.Join("; ", outbox.Where(m => m.DeadAt != null).Take(5).Select(m => $"{m.Id} {m.Kind} {m.LastError}")));
        }

        problems.AddRange(await CompareAsync("mail", Path.Combine(dataDirectory, "mail"), ".eml", outbox.Where(m => m.Kind == OutboxKind.Email && m.ProcessedAt != null), true));
        problems.AddRange(await CompareAsync("SMS", Path.Combine(dataDirectory, "sms"), ".txt", outbox.Where(m => m.Kind == OutboxKind.Sms && m.ProcessedAt != null), false));

        // One status-change row per transition of the history, and its follow-ups once each (a second dispatch of the
        // same change would add a second mail row: a duplicate sent under another message id).
        foreach (var d in dossiers)
        {
            var moves = history.GetValueOrDefault(d.Id, []).Where(h => h.From != h.To).ToList();
            var changes = outbox.Where(m => m.DossierId == d.Id && m.Kind == OutboxKind.DossierStatusChanged)
                .Select(m => StatusChangedPayload.Parse(m.Payload)).ToList();
            if (changes.Count != moves.Count)
            {
                problems.Add($"dossier {d.Code}: {moves.Count} transitions but {changes.Count} status-change messages");
            }

            foreach (var kind in new[] { OutboxKind.Email, OutboxKind.Sms })
            {
                var expected = changes
                    .Where(c => !(c.ToStatus == DossierStatus.InProcess && c.FromStatus == DossierStatus.Received))
                    .Where(c => kind == OutboxKind.Sms ? !string.IsNullOrWhiteSpace(d.Applicant.Phone) : !string.IsNullOrWhiteSpace(d.Applicant.Email) && c.ToStatus != DossierStatus.Received)
                    .GroupBy(c => "status-" + c.ToStatus).ToDictionary(g => g.Key, g => g.Count());
                var actual = outbox.Where(m => m.DossierId == d.Id && m.Kind == kind && m.Type.StartsWith("status-", StringComparison.Ordinal))
                    .GroupBy(m => m.Type).ToDictionary(g => g.Key, g => g.Count());
                foreach (var type in expected.Keys.Union(actual.Keys))
                {
                    if (expected.GetValueOrDefault(type) != actual.GetValueOrDefault(type))
                    {
                        problems.Add($"dossier {d.Code}: {actual.GetValueOrDefault(type)} {kind} messages {type}, expected {expected.GetValueOrDefault(type)}");
                    }
                }
            }
        }

        // 3. Every history replays to its status through allowed transitions, in time order.
        var replayed = 0;
        foreach (var d in dossiers)
        {
            var lines = history.GetValueOrDefault(d.Id, []);
            var state = d.Channel == Channel.Online ? DossierStatus.Draft : DossierStatus.Received;
            var at = DateTime.MinValue;
            foreach (var h in lines)
            {
                if (h.At < at)
                {
                    problems.Add($"dossier {d.Code}: history goes back in time at line {h.Id}");
                }

                at = h.At;
                if (h.From != state)
                {
                    problems.Add($"dossier {d.Code}: line {h.Id} ({h.Action}) starts from {h.From}, the dossier was {state}");
                }

                if (h.From != h.To && !Allowed[h.From].Contains(h.To))
                {
                    problems.Add($"dossier {d.Code}: line {h.Id} moves {h.From} → {h.To}, which the lifecycle forbids");
                }

                state = h.To;
            }

            if (state != d.Status)
            {
                problems.Add($"dossier {d.Code}: the history ends at {state}, the dossier is {d.Status}");
            }

            if (d.Version < lines.Count)
            {
                problems.Add($"dossier {d.Code}: version {d.Version} is below its {lines.Count} history lines");
            }

            replayed++;
        }

        report($"Histories replayed: {replayed} dossiers, {history.Values.Sum(h => h.Count)} lines; final statuses: " +
            string.Join(", ", dossiers.GroupBy(d => d.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}: {g.Count()}")));

        // 4. Every issued document once (the receipt, forms and results are rendered by jobs a kill may cut).
        foreach (var group in documents.Where(x => run.Contains(x.DossierId)).GroupBy(x => (x.DossierId, x.Title)).Where(g => g.Count() > 1))
        {
            problems.Add($"dossier {group.Key.DossierId}: \"{group.Key.Title}\" was issued {group.Count()} times");
        }

        foreach (var d in dossiers.Where(d => d.ReceivedAt != null))
        {
            if (!documents.Any(x => x.DossierId == d.Id && x.Title.Contains("Mẫu 01", StringComparison.Ordinal)))
            {
                problems.Add($"dossier {d.Code} was received but has no receipt (Mẫu 01)");
            }
        }

        report($"Outbox: {outbox.Count} messages ({outbox.Count(m => m.Kind == OutboxKind.Email)} mails, {outbox.Count(m => m.Kind == OutboxKind.Sms)} SMS, " +
            $"{outbox.Count(m => m.Kind == OutboxKind.RenderDocument)} documents to render), {waiting} waiting, {dead} dead; " +
            $"{outbox.Count(m => m.Attempts > 0)} needed more than one attempt; issued documents: {documents.Count(x => run.Contains(x.DossierId))}");
        return problems;
    }

    private static async Task<List<string>> CompareAsync(string what, string folder, string extension, IEnumerable<OutboxMessage> rows, bool mail)
    {
        var problems = new List<string>();
        var expected = rows.Select(m => $"outbox-{m.Id}").ToHashSet();
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
        var sent = files.Where(f => f.EndsWith(extension, StringComparison.Ordinal)).Select(f => Path.GetFileNameWithoutExtension(f)!).ToHashSet();
        var leftovers = files.Count(f => !f.EndsWith(extension, StringComparison.Ordinal));
        foreach (var missing in expected.Except(sent).Take(20))
        {
            problems.Add($"{what} {missing} is marked processed but was never delivered");
        }

        foreach (var extra in sent.Except(expected).Take(20))
        {
            problems.Add($"{what} {extra} was delivered without a processed outbox row");
        }

        if (mail)
        {
            foreach (var key in sent.Intersect(expected))
            {
                var message = await MimeMessage.LoadAsync(Path.Combine(folder, key + extension));
                if (message.MessageId != $"{key}@dichvucong")
                {
                    problems.Add($"mail file {key} carries the message id {message.MessageId}");
                }
            }
        }

        Console.WriteLine($"  {what}: {expected.Count} processed rows, {sent.Count} delivered files, {leftovers} half-written temporary files left by kills");
        return problems;
    }
}
