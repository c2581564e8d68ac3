using System.Text.Json;
using Portal.Core.Dossiers;
using Portal.Core.Notifications;

namespace Portal.Core.Processing;

/// <summary>The documents the system issues for the agencies (Circular 01/2018/TT-VPCP forms and the generated result).</summary>
public static class IssuedForms
{
    /// <summary>Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.</summary>
    public const string SupplementRequest = "mau-02";

    /// <summary>Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ.</summary>
    public const string Refusal = "mau-03";

    /// <summary>Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả.</summary>
    public const string Apology = "mau-04";

    /// <summary>The electronic result, generated from the decision when the official uploads none.</summary>
    public const string Result = "ket-qua";

    /// <summary>The outbox row that renders a form for a dossier (in the transaction of the action that asks for it).</summary>
    public static OutboxMessage Render(Dossier dossier, string form, DateTime at) =>
        OutboxMessage.ForDossier(dossier, OutboxKind.RenderDocument, form, JsonSerializer.Serialize(new RenderPayload(at), StatusChangedPayload.Json), at);

    public static RenderPayload Parse(string json) =>
        JsonSerializer.Deserialize<RenderPayload>(json, StatusChangedPayload.Json) ?? throw new InvalidOperationException("Empty render payload.");
}

/// <summary>What a render row carries: the time of the action (it identifies which supplement request a Mẫu 02 is for).</summary>
public sealed record RenderPayload(DateTime At);
