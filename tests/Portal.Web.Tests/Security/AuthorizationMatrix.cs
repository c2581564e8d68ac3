using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Web.Tests.Security;

/// <summary>One request of the matrix: a route with its parameters filled from the fixture's ids.</summary>
public sealed record MatrixRequest(string Method, string Url, IReadOnlyDictionary<string, string>? Form = null, bool SignsOut = false);

/// <summary>
/// One row of the expectation table: an endpoint (as the endpoint data source names it), the request that exercises
/// it, and the outcome for each role, in the column order of <see cref="Who"/>:
/// anonymous, citizen A, citizen B, reception/handler/approver of X, the same of Y, leader of X, province leader, admin.
/// Outcomes: a status code, <c>login</c> (sent to sign in), <c>denied</c> (sent to the access-denied page, i.e. 403 by
/// role), <c>302</c> (any other redirect).
/// </summary>
public sealed record MatrixCase(string Endpoint, string Note, Func<MatrixIds, MatrixRequest> Request, string Outcomes, bool PublicCode = false)
{
    public string Expected(Who who)
    {
        var all = Outcomes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (all.Length != Enum.GetValues<Who>().Length)
        {
            throw new InvalidOperationException($"{Endpoint} ({Note}): {all.Length} outcomes for {Enum.GetValues<Who>().Length} roles.");
        }

        return all[(int)who];
    }

    public override string ToString() => $"{Endpoint} ({Note})";
}

/// <summary>
/// The authorization matrix: every endpoint of the portal × every role, with the outcome each must get. Anything of
/// citizen A at agency X is invisible to citizen B and to agency Y (404, never 403, never data); a role without the
/// right to a whole area is sent to sign in or to the access-denied page; officials' actions are sent with a stale
/// version so that the roles that pass every check get the conflict (409) and nothing changes.
/// </summary>
public static class AuthorizationMatrix
{
    private const string Stale = "999999";

    //                                     anon   A      B      rX     hX     aX     rY     hY     aY     lX     lP     adm
    private const string ActionOutcomes = "login  denied denied 409    409    409    404    404    404    403    403    403";
    private static readonly string[] RouteKeys = ["area", "controller", "action"];

    public static readonly IReadOnlyList<MatrixCase> Cases =
    [
        //                                                                                                                  anon   A      B      rX     hX     aX     rY     hY     aY     lX     lP     adm
        Get("ANY /Home/Index", "home page", _ => "/",                                                                       "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /Home/Language", "language switch", _ => "/Home/Language?culture=vi-VN&returnUrl=%2F",                     "302    302    302    302    302    302    302    302    302    302    302    302"),
        Get("ANY /Home/Status/{code:int}", "status page", _ => "/Home/Status/404",                                          "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("ANY /Home/Error", "error page", _ => "/Home/Error",                                                             "200    200    200    200    200    200    200    200    200    200    200    200"),

        Get("GET /Account/Login", "sign-in page", _ => "/Account/Login",                                                    "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/Login", "wrong password", _ => "/Account/Login",
            // A name of its own per role: twelve wrong passwords for one name from new browsers would make it wait (429).
            _ => new() { ["Email"] = $"khong.co.ai.{Guid.NewGuid():N}@example.vn", ["Password"] = "Sai@12345" },             "200    200    200    200    200    200    200    200    200    200    200    200"),
        new("POST /Account/Logout", "sign out", _ => new MatrixRequest("POST", "/Account/Logout", new Dictionary<string, string>(), SignsOut: true),
                                                                                                                            "302    302    302    302    302    302    302    302    302    302    302    302"),
        Get("ANY /Account/AccessDenied", "access-denied page", _ => "/Account/AccessDenied",                                "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /Account/Register", "registration page", _ => "/Account/Register",                                         "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/Register", "empty registration", _ => "/Account/Register", _ => [],                           "400    400    400    400    400    400    400    400    400    400    400    400"),
        Get("GET /Account/ConfirmEmail", "forged confirmation", _ => $"/Account/ConfirmEmail?userId={Guid.Empty}&code=Zm9y", "400    400    400    400    400    400    400    400    400    400    400    400"),
        Get("GET /Account/ResendConfirmation", "resend page", _ => "/Account/ResendConfirmation",                           "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/ResendConfirmation", "unknown address", _ => "/Account/ResendConfirmation",
            _ => new() { ["Email"] = "khong.co.ai@example.vn" },                                                              "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /Account/ForgotPassword", "forgot page", _ => "/Account/ForgotPassword",                                   "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/ForgotPassword", "unknown address", _ => "/Account/ForgotPassword",
            _ => new() { ["Email"] = "khong.co.ai@example.vn" },                                                              "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /Account/ResetPassword", "reset page", _ => $"/Account/ResetPassword?userId={Guid.Empty}&code=Zm9y",       "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/ResetPassword", "no password", _ => "/Account/ResetPassword", _ => [],                          "400    400    400    400    400    400    400    400    400    400    400    400"),
        Get("GET /Account/Unlock", "unlock page", _ => $"/Account/Unlock?userId={Guid.Empty}&code=Zm9y",                    "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/Unlock", "forged link", _ => "/Account/Unlock", _ => new() { ["UserId"] = Guid.Empty.ToString(), ["Code"] = "Zm9y" },
                                                                                                                            "400    400    400    400    400    400    400    400    400    400    400    400"),
        Get("GET /Account/TwoFactor", "no pending sign-in", _ => "/Account/TwoFactor",                                      "login  login  login  login  login  login  login  login  login  login  login  login"),
        Post("POST /Account/TwoFactor", "no pending sign-in", _ => "/Account/TwoFactor", _ => new() { ["Code"] = "123456" }, "login  login  login  login  login  login  login  login  login  login  login  login"),
        Get("GET /Account/Authenticator", "set-up page", _ => "/Account/Authenticator",                                     "login  200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/Authenticator", "wrong code", _ => "/Account/Authenticator", _ => new() { ["code"] = "000000" }, "login  400    400    400    400    400    400    400    400    400    400    400"),
        Post("POST /Account/DisableAuthenticator", "turn off", _ => "/Account/DisableAuthenticator", _ => [],             "login  302    302    302    302    302    302    302    302    302    302    302"),
        Get("GET /Account/Profile", "profile", _ => "/Account/Profile",                                                     "login  200    200    denied denied denied denied denied denied denied denied denied"),
        Post("POST /Account/Profile", "empty name", _ => "/Account/Profile", _ => new() { ["FullName"] = "" },             "login  400    400    denied denied denied denied denied denied denied denied denied"),
        Post("POST /Account/ExternalLogin", "OpenID Connect off", _ => "/Account/ExternalLogin", _ => [],                 "404    404    404    404    404    404    404    404    404    404    404    404"),
        Get("GET /Account/ChangePassword", "change-password page", _ => "/Account/ChangePassword",                         "login  200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /Account/ChangePassword", "nothing typed", _ => "/Account/ChangePassword", _ => [],                      "login  400    400    400    400    400    400    400    400    400    400    400"),
        Get("GET /Account/ExternalLoginCallback", "no external sign-in", _ => "/Account/ExternalLoginCallback",             "login  login  login  login  login  login  login  login  login  login  login  login"),
        Get("GET /Account/ExternalLink", "no external sign-in", _ => "/Account/ExternalLink",                               "login  login  login  login  login  login  login  login  login  login  login  login"),
        Post("POST /Account/ExternalLink", "no external sign-in", _ => "/Account/ExternalLink", _ => new() { ["Password"] = "Sai@12345" },
                                                                                                                            "login  login  login  login  login  login  login  login  login  login  login  login"),
        Get("GET /Account/ConfirmPhone", "no number", _ => "/Account/ConfirmPhone",                                         "login  302    302    denied denied denied denied denied denied denied denied denied"),
        Post("POST /Account/ConfirmPhone", "forged change", _ => "/Account/ConfirmPhone", _ => new() { ["Pending"] = "Zm9y", ["Code"] = "000000" },
                                                                                                                            "login  302    302    denied denied denied denied denied denied denied denied denied"),

        Get("GET /tai-lieu/{id:long}", "A's scan at X", i => $"/tai-lieu/{i.FiledDocX}",                                   "login  200    404    200    200    200    404    404    404    200    200    200"),
        Get("GET /tai-lieu/{id:long}", "A's receipt PDF (Mẫu 01)", i => $"/tai-lieu/{i.ReceiptDocX}",                      "login  200    404    200    200    200    404    404    404    200    200    200"),
        Get("GET /tai-lieu/{id:long}", "a quarantined file", i => $"/tai-lieu/{i.QuarantinedDocX}",                        "login  404    404    404    404    404    404    404    404    404    404    404"),
        Get("GET /tai-lieu/{id:long}", "a file of A's unfiled draft", i => $"/tai-lieu/{i.DraftDocX}",                     "login  200    404    404    404    404    404    404    404    404    404    404"),

        Get("GET /thu-tuc", "catalogue", _ => "/thu-tuc",                                                                   "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /thu-tuc/{id:int}", "procedure page", i => $"/thu-tuc/{i.ProcedureX}",                                    "200    200    200    200    200    200    200    200    200    200    200    200"),

        Post("POST /nop-ho-so/bat-dau", "start a draft", _ => "/nop-ho-so/bat-dau",
            i => new() { ["procedureId"] = Num(i.ProcedureX), ["agencyId"] = Num(i.AgencyX) },                               "login  302    302    denied denied denied denied denied denied denied denied denied"),
        Get("GET /nop-ho-so/{id:long}", "resume A's draft", i => $"/nop-ho-so/{i.DraftX}",                                  "login  302    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /nop-ho-so/{id:long}/nguoi-nop", "applicant step", i => $"/nop-ho-so/{i.DraftX}/nguoi-nop",                "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /nop-ho-so/{id:long}/nguoi-nop", "empty applicant", i => $"/nop-ho-so/{i.DraftX}/nguoi-nop", _ => [],  "login  400    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /nop-ho-so/{id:long}/to-khai", "e-form step", i => $"/nop-ho-so/{i.DraftX}/to-khai",                      "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /nop-ho-so/{id:long}/to-khai", "empty e-form", i => $"/nop-ho-so/{i.DraftX}/to-khai", _ => [],         "login  400    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /nop-ho-so/{id:long}/giay-to", "documents step", i => $"/nop-ho-so/{i.DraftX}/giay-to",                   "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /nop-ho-so/{id:long}/giay-to", "save without files", i => $"/nop-ho-so/{i.DraftX}/giay-to",
            _ => new() { ["next"] = "luu" },                                                                                  "login  302    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /nop-ho-so/{id:long}/giay-to/xoa/{documentId:long}", "remove A's file", i => $"/nop-ho-so/{i.DraftX}/giay-to/xoa/{i.DraftDocX}", _ => [],
                                                                                                                            "login  302    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /nop-ho-so/{id:long}/kiem-tra", "check step", i => $"/nop-ho-so/{i.DraftX}/kiem-tra",                     "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /nop-ho-so/{id:long}/nop", "submit an incomplete draft", i => $"/nop-ho-so/{i.DraftX}/nop", _ => [],   "login  400    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /nop-ho-so/{id:long}/xoa", "delete A's filed dossier (not a draft)", i => $"/nop-ho-so/{i.FiledX}/xoa", _ => [],
                                                                                                                            "login  302    404    denied denied denied denied denied denied denied denied denied"),

        Get("GET /tra-cuu", "lookup page", _ => "/tra-cuu",                                                                 "200    200    200    200    200    200    200    200    200    200    200    200"),
        Post("POST /tra-cuu", "code and PIN of A's dossier", _ => "/tra-cuu",
            i => new() { ["Code"] = i.FiledXCode, ["Pin"] = i.FiledXPin },                                                  "200    200    200    200    200    200    200    200    200    200    200    200", publicCode: true),
        Post("POST /tra-cuu", "A's code with a wrong PIN", _ => "/tra-cuu",
            i => new() { ["Code"] = i.FiledXCode, ["Pin"] = WrongPin(i.FiledXPin) },                                       "404    404    404    404    404    404    404    404    404    404    404    404"),

        Get("GET /ho-so-cua-toi", "my dossiers", _ => "/ho-so-cua-toi",                                                     "login  200    200    denied denied denied denied denied denied denied denied denied"),
        Get("GET /ho-so-cua-toi/{id:long}", "A's dossier", i => $"/ho-so-cua-toi/{i.FiledX}",                               "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /ho-so-cua-toi/{id:long}/bo-sung", "A's supplement", i => $"/ho-so-cua-toi/{i.SupplementX}/bo-sung",       "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /ho-so-cua-toi/{id:long}/bo-sung", "save without files", i => $"/ho-so-cua-toi/{i.SupplementX}/bo-sung",
            _ => new() { ["next"] = "luu" },                                                                                  "login  302    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /ho-so-cua-toi/{id:long}/bo-sung/xoa/{documentId:long}", "remove A's supplement file",
            i => $"/ho-so-cua-toi/{i.SupplementX}/bo-sung/xoa/{i.SupplementDocX}", _ => [],                                "login  302    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /ho-so-cua-toi/{id:long}/rut", "withdrawal page", i => $"/ho-so-cua-toi/{i.FiledX}/rut",                   "login  200    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /ho-so-cua-toi/{id:long}/rut", "no reason", i => $"/ho-so-cua-toi/{i.FiledX}/rut", _ => new() { ["Reason"] = "" },
                                                                                                                            "login  400    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /ho-so-cua-toi/{id:long}/danh-gia", "no score", i => $"/ho-so-cua-toi/{i.FiledX}/danh-gia", _ => new() { ["Score"] = "0" },
                                                                                                                            "login  400    404    denied denied denied denied denied denied denied denied denied"),
        Post("POST /ho-so-cua-toi/{id:long}/thanh-toan", "a fee that does not exist", i => $"/ho-so-cua-toi/{i.FiledX}/thanh-toan",
            _ => new() { ["fee"] = "99" },                                                                                    "login  409    404    denied denied denied denied denied denied denied denied denied"),

        Get("GET /thanh-toan/ipn", "unsigned notification (answered 97 in the gateway's JSON)", _ => "/thanh-toan/ipn?ref=TT1&code=00",
                                                                                                                            "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /thanh-toan/ket-qua", "signed return of A's payment", i => SignedReturn(i.PaymentRef),                     "login  302    404    denied denied denied denied denied denied denied denied denied"),
        Get("GET /thanh-toan/ket-qua", "unsigned return of A's payment", i => $"/thanh-toan/ket-qua?ref={i.PaymentRef}",    "login  400    400    denied denied denied denied denied denied denied denied denied"),
        Get("GET /cong-thanh-toan-thu", "sandbox gateway, unsigned", _ => "/cong-thanh-toan-thu?ref=TT1&amount=1",         "400    400    400    400    400    400    400    400    400    400    400    400"),
        Post("POST /cong-thanh-toan-thu", "sandbox gateway, unsigned", _ => "/cong-thanh-toan-thu?ref=TT1&amount=1",
            _ => new() { ["outcome"] = "pay" },                                                                               "400    400    400    400    400    400    400    400    400    400    400    400"),

        Get("GET /can-bo", "my tasks", _ => "/can-bo",                                                                      "login  denied denied 200    200    200    200    200    200    302    302    302"),
        Get("GET /can-bo/ho-so", "agency queue", _ => "/can-bo/ho-so",                                                      "login  denied denied 200    200    200    200    200    200    200    200    200"),
        Get("GET /can-bo/ho-so", "search by A's code", i => $"/can-bo/ho-so?q={Uri.EscapeDataString(i.FiledXCode)}",       "login  denied denied 302    302    302    200    200    200    302    302    302"),
        Get("GET /can-bo/ho-so", "search by A's CCCD (two dossiers)", _ => $"/can-bo/ho-so?q={SecurityFixture.SecretCitizenId}",
                                                                                                                            "login  denied denied 200    200    200    200    200    200    200    200    200"),
        Get("GET /can-bo/ho-so", "search by A's name", _ => "/can-bo/ho-so?q=la+thi+bao+mat",                               "login  denied denied 200    200    200    200    200    200    200    200    200"),
        Get("GET /can-bo/tiep-nhan", "reception queue", _ => "/can-bo/tiep-nhan",                                           "login  denied denied 200    200    200    200    200    200    302    302    302"),
        Get("GET /can-bo/lien-thong", "liên thông queue", _ => "/can-bo/lien-thong",                                        "login  denied denied 200    200    200    200    200    200    302    302    302"),
        Get("GET /can-bo/quay", "counter form", _ => "/can-bo/quay",                                                        "login  denied denied 200    403    403    200    403    403    403    403    403"),
        Post("POST /can-bo/quay", "empty counter form", _ => "/can-bo/quay", _ => [],                                     "login  denied denied 400    403    403    400    403    403    403    403    403"),
        Get("GET /can-bo/ho-so/{id:long}", "A's dossier at X", i => $"/can-bo/ho-so/{i.FiledX}",                           "login  denied denied 200    200    200    404    404    404    200    200    200"),
        Get("GET /can-bo/ho-so/{id:long}", "B's dossier at Y", i => $"/can-bo/ho-so/{i.FiledY}",                           "login  denied denied 404    404    404    200    200    200    404    200    200"),
        Get("GET /can-bo/ho-so/{id:long}", "A's unfiled draft", i => $"/can-bo/ho-so/{i.DraftX}",                          "login  denied denied 404    404    404    404    404    404    404    404    404"),
        Get("GET /can-bo/ho-so/{id:long}/phieu-kiem-soat", "control sheet PDF (Mẫu 05)", i => $"/can-bo/ho-so/{i.FiledX}/phieu-kiem-soat",
                                                                                                                            "login  denied denied 200    200    200    404    404    404    200    200    200"),
        Get("GET /can-bo/ho-so/{id:long}/giay-tiep-nhan", "receipt to print (Mẫu 01)", i => $"/can-bo/ho-so/{i.FiledX}/giay-tiep-nhan",
                                                                                                                            "login  denied denied 200    200    200    404    404    404    200    200    200"),
        Act("tiep-nhan", "accept", _ => []),
        Act("yeu-cau-bo-sung", "request a supplement", _ => new() { ["Reason"] = "Thiếu giấy tờ.", ["OtherDocuments"] = "Bản sao CCCD" }),
        Act("tu-choi", "refuse", _ => new() { ["Reason"] = "Không thuộc thẩm quyền." }),
        Act("chuyen-xu-ly", "start processing", _ => []),
        Act("hoan-thanh-buoc", "complete a step", _ => new() { ["StepId"] = "1", ["Note"] = "Đã thẩm định." }),
        Act("phan-cong", "reassign", _ => new() { ["StepId"] = "1", ["Assignee"] = Guid.NewGuid().ToString() }),
        Act("yeu-cau-thanh-toan", "request payment", _ => new() { ["Amount"] = "30000", ["Note"] = "Lệ phí" }),
        Act("thu-phi", "record payment", _ => []),
        Act("dung-xu-ly", "stop", _ => new() { ["Reason"] = "Người nộp đề nghị dừng." }),
        Act("quyet-dinh", "decide", _ => new() { ["Result"] = "Generate", ["Note"] = "Cấp giấy." }),
        Post("POST /can-bo/ho-so/{id:long}/ket-qua-dien-tu", "attach a result, no file", i => $"/can-bo/ho-so/{i.FiledX}/ket-qua-dien-tu",
            _ => new() { ["Version"] = Stale },                                                                               "login  denied denied 400    400    400    404    404    404    403    403    403"),
        Act("tra-ket-qua", "return the result", _ => new() { ["Method"] = "AtDesk" }),
        Act("xin-loi", "apology", _ => new() { ["Reason"] = "Cần xác minh thêm.", ["NewDate"] = "2031-12-30" }),
        Act("bo-sung-tai-quay", "record a paper supplement", _ => new() { ["Received"] = "Bản sao giấy chứng sinh, 01 bản" }),
        Act("tra-lai", "send back a step", _ => new() { ["StepId"] = "1", ["Reason"] = "Sửa lại dự thảo." }),
        Act("xin-y-kien", "ask agency Y's opinion", i => new()
        {
            ["StepId"] = "1", ["ToAgencyId"] = i.AgencyY.ToString(CultureInfo.InvariantCulture), ["BudgetDays"] = "1", ["Question"] = "Đề nghị cho ý kiến về thửa đất.",
        }),
        new("POST /can-bo/ho-so/{id:long}/y-kien/{requestId:long}/rut", "withdraw a request for an opinion",
            i => new MatrixRequest("POST", $"/can-bo/ho-so/{i.FiledX}/y-kien/1/rut", new Dictionary<string, string> { ["Version"] = Stale }), ActionOutcomes),
        // No agency was asked about A's dossier: an answer is nobody's to give (404 for every official), and leaders only look.
        new("POST /can-bo/ho-so/{id:long}/y-kien/{requestId:long}/tra-loi", "answer a request nobody made",
            i => new MatrixRequest("POST", $"/can-bo/ho-so/{i.FiledX}/y-kien/1/tra-loi", new Dictionary<string, string> { ["Version"] = Stale, ["Answer"] = "Đồng ý với hồ sơ." }),
                                                                                                                            "login  denied denied 404    404    404    404    404    404    403    403    403"),
        Get("GET /can-bo/xin-y-kien", "requests for opinions", _ => "/can-bo/xin-y-kien",                                  "login  denied denied 200    200    200    200    200    200    302    302    302"),

        // Leaders see the statistics of their reach: an agency leader their agency only (another agency answers 404), the province leader all.
        Get("GET /lanh-dao", "dashboard of the leader's reach", _ => "/lanh-dao",                                           "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao", "dashboard of agency Y", i => $"/lanh-dao?coquan={i.AgencyY}",                                 "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a", "II.06a of agency X", i => $"/lanh-dao/bao-cao-ii06a?coquan={i.AgencyX}",        "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a", "II.06a of agency Y", i => $"/lanh-dao/bao-cao-ii06a?coquan={i.AgencyY}",        "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a/csv", "II.06a CSV of agency X", i => $"/lanh-dao/bao-cao-ii06a/csv?coquan={i.AgencyX}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a/csv", "II.06a CSV of agency Y", i => $"/lanh-dao/bao-cao-ii06a/csv?coquan={i.AgencyY}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a/xlsx", "II.06a XLSX of agency X", i => $"/lanh-dao/bao-cao-ii06a/xlsx?coquan={i.AgencyX}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a/xlsx", "II.06a XLSX of agency Y", i => $"/lanh-dao/bao-cao-ii06a/xlsx?coquan={i.AgencyY}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a/pdf", "II.06a PDF of agency X", i => $"/lanh-dao/bao-cao-ii06a/pdf?coquan={i.AgencyX}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/bao-cao-ii06a/pdf", "II.06a PDF of agency Y", i => $"/lanh-dao/bao-cao-ii06a/pdf?coquan={i.AgencyY}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/chi-so-766", "766 scorecard, own reach", _ => "/lanh-dao/chi-so-766",                            "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/chi-so-766", "766 scorecard of agency Y", i => $"/lanh-dao/chi-so-766?coquan={i.AgencyY}",       "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/chuyen-kenh", "channel shift, own reach", _ => "/lanh-dao/chuyen-kenh",                          "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/chuyen-kenh", "channel shift of agency Y", i => $"/lanh-dao/chuyen-kenh?coquan={i.AgencyY}",     "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/ho-so", "dossiers behind a figure, own reach", _ => "/lanh-dao/ho-so?chi-so=Received",           "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/ho-so", "dossiers of agency Y", i => $"/lanh-dao/ho-so?chi-so=Received&coquan={i.AgencyY}",      "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/ho-so/xuat.csv", "export, own reach", _ => "/lanh-dao/ho-so/xuat.csv?chi-so=Received",           "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/ho-so/xuat.csv", "export of agency Y", i => $"/lanh-dao/ho-so/xuat.csv?chi-so=Received&coquan={i.AgencyY}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/muc-tieu", "target tracker", _ => "/lanh-dao/muc-tieu",                                          "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Post("POST /lanh-dao/muc-tieu", "targets for a year out of range", _ => "/lanh-dao/muc-tieu", _ => new() { ["nam"] = "1999" },
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    400    denied"),
        Get("GET /lanh-dao/nhap-du-lieu", "imports of the leader's reach", _ => "/lanh-dao/nhap-du-lieu",                   "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/ma.csv", "the codes a leader may import", _ => "/lanh-dao/nhap-du-lieu/ma.csv",    "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Post("POST /lanh-dao/nhap-du-lieu", "import without a file", _ => "/lanh-dao/nhap-du-lieu", _ => [],                "login  denied denied denied denied denied denied denied denied 400    400    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/{id:guid}", "import of agency X", i => $"/lanh-dao/nhap-du-lieu/{i.ImportRunX}",    "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/{id:guid}", "import of agency Y", i => $"/lanh-dao/nhap-du-lieu/{i.ImportRunY}",    "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/{id:guid}/trang-thai", "import progress of agency X", i => $"/lanh-dao/nhap-du-lieu/{i.ImportRunX}/trang-thai",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/{id:guid}/trang-thai", "import progress of agency Y", i => $"/lanh-dao/nhap-du-lieu/{i.ImportRunY}/trang-thai",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/{id:guid}/loi.csv", "import error report of agency X", i => $"/lanh-dao/nhap-du-lieu/{i.ImportRunX}/loi.csv",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 200    200    denied"),
        Get("GET /lanh-dao/nhap-du-lieu/{id:guid}/loi.csv", "import error report of agency Y", i => $"/lanh-dao/nhap-du-lieu/{i.ImportRunY}/loi.csv",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    denied"),

        Get("GET /quan-tri", "administration", _ => "/quan-tri",                                                            "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Get("GET /quan-tri/lich", "calendar", _ => "/quan-tri/lich",                                                        "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/lich", "no basis given", _ => "/quan-tri/lich", _ => new() { ["Date"] = "2031-05-06", ["Note"] = "" },
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Post("POST /quan-tri/lich/xoa/{id:int}", "remove an adjustment", i => $"/quan-tri/lich/xoa/{i.AdjustmentId}", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 302"),
        Get("GET /quan-tri/thu-gui", "outbox", _ => "/quan-tri/thu-gui",                                                    "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/thu-gui/gui-lai/{id:long}", "resend a dead message", i => $"/quan-tri/thu-gui/gui-lai/{i.DeadOutboxId}", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 302"),

        // Official accounts: administrators all of them, the leader of X the officials of X (Y's and leaders' accounts answer 404),
        // the province leader none (403). Changes carry a stale stamp: whoever passes every check gets the conflict, nothing changes.
        Get("GET /quan-tri/tai-khoan", "official accounts", _ => "/quan-tri/tai-khoan",                                   "login  denied denied denied denied denied denied denied denied 200    403    200"),
        Get("GET /quan-tri/tai-khoan", "search, locked accounts", _ => "/quan-tri/tai-khoan?q=hongbang&trangthai=3",       "login  denied denied denied denied denied denied denied denied 200    403    200"),
        Get("GET /quan-tri/tai-khoan/moi", "new account form", _ => "/quan-tri/tai-khoan/moi",                             "login  denied denied denied denied denied denied denied denied 200    403    200"),
        Post("POST /quan-tri/tai-khoan/moi", "empty account form", _ => "/quan-tri/tai-khoan/moi", _ => [],                "login  denied denied denied denied denied denied denied denied 400    403    400"),
        Get("GET /quan-tri/tai-khoan/{id:guid}", "a handler of X", i => $"/quan-tri/tai-khoan/{i.HandlerXAccount}",          "login  denied denied denied denied denied denied denied denied 200    403    200"),
        Get("GET /quan-tri/tai-khoan/{id:guid}", "a handler of Y", i => $"/quan-tri/tai-khoan/{i.HandlerYAccount}",          "login  denied denied denied denied denied denied denied denied 404    403    200"),
        Get("GET /quan-tri/tai-khoan/{id:guid}", "the province leader", i => $"/quan-tri/tai-khoan/{i.ProvinceLeaderAccount}", "login  denied denied denied denied denied denied denied denied 404    403    200"),
        Post("POST /quan-tri/tai-khoan/{id:guid}", "agency and roles of a handler of X", i => $"/quan-tri/tai-khoan/{i.HandlerXAccount}",
            i => new() { ["Stamp"] = Stale, ["AgencyId"] = Num(i.AgencyX), ["Roles"] = "Handler" },                           "login  denied denied denied denied denied denied denied denied 409    403    409"),
        Post("POST /quan-tri/tai-khoan/{id:guid}", "agency and roles of a handler of Y", i => $"/quan-tri/tai-khoan/{i.HandlerYAccount}",
            i => new() { ["Stamp"] = Stale, ["AgencyId"] = Num(i.AgencyY), ["Roles"] = "Handler" },                           "login  denied denied denied denied denied denied denied denied 404    403    409"),
        .. AccountAct("gui-loi-moi", "resend the invitation"),
        .. AccountAct("vo-hieu-hoa", "deactivate"),
        .. AccountAct("kich-hoat", "reactivate"),
        .. AccountAct("mo-khoa", "unlock"),
        .. AccountAct("dat-lai-xac-thuc", "reset two-step verification"),
        .. AccountAct("buoc-doi-mat-khau", "force a password change"),

        // Agencies: administrators only; the writes are sent with input the use case refuses, so nothing changes.
        Get("GET /quan-tri/co-quan", "agency tree", _ => "/quan-tri/co-quan?q=hong+bang",                                   "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Get("GET /quan-tri/co-quan/them", "new agency form", _ => "/quan-tri/co-quan/them",                                   "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/co-quan/them", "a code of the wrong shape", _ => "/quan-tri/co-quan/them",
            _ => new() { ["Code"] = "H31", ["Name"] = "Xã thử", ["Level"] = "3" },                                          "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Get("GET /quan-tri/co-quan/{id:int}", "agency X", i => $"/quan-tri/co-quan/{i.AgencyX}",                              "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/co-quan/{id:int}/doi-ten", "no name", i => $"/quan-tri/co-quan/{i.AgencyX}/doi-ten", _ => new() { ["Name"] = "" },
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Post("POST /quan-tri/co-quan/{id:int}/sap-nhap", "no agency to merge into", i => $"/quan-tri/co-quan/{i.AgencyX}/sap-nhap", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Post("POST /quan-tri/co-quan/{id:int}/ngung", "agency X still has open dossiers", i => $"/quan-tri/co-quan/{i.AgencyX}/ngung", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        // Procedures: administrators only; the writes are sent with input the file's reader or the use case refuses, so nothing changes.
        Get("GET /quan-tri/thu-tuc", "procedure search", _ => "/quan-tri/thu-tuc?q=khai+sinh",                                "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Get("GET /quan-tri/thu-tuc/moi", "new procedure form", _ => "/quan-tri/thu-tuc/moi",                                 "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/thu-tuc/moi", "no name, no steps", _ => "/quan-tri/thu-tuc/moi", _ => new() { ["Code"] = "31.DP.900" },
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Get("GET /quan-tri/thu-tuc/nhap", "import form", _ => "/quan-tri/thu-tuc/nhap",                                     "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/thu-tuc/nhap", "no file", _ => "/quan-tri/thu-tuc/nhap", _ => [],                               "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Get("GET /quan-tri/thu-tuc/{id:int}", "procedure X", i => $"/quan-tri/thu-tuc/{i.ProcedureX}",                        "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Get("GET /quan-tri/thu-tuc/{id:int}/ban-nhap", "editor of procedure X", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/ban-nhap",
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/thu-tuc/{id:int}/ban-nhap", "a draft without a name", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/ban-nhap", _ => new() { ["Name"] = "" },
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Get("GET /quan-tri/thu-tuc/{id:int}/ban-nhap/xem-truoc", "procedure X has no draft", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/ban-nhap/xem-truoc",
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 404"),
        Post("POST /quan-tri/thu-tuc/{id:int}/ban-nhap/xem-truoc", "procedure X has no draft", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/ban-nhap/xem-truoc", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 404"),
        Post("POST /quan-tri/thu-tuc/{id:int}/ban-nhap/cong-bo", "no draft to publish", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/ban-nhap/cong-bo", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Post("POST /quan-tri/thu-tuc/{id:int}/ban-nhap/huy", "no draft to discard", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/ban-nhap/huy", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Post("POST /quan-tri/thu-tuc/{id:int}/co-quan", "an agency that does not exist", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/co-quan",
            _ => new() { ["agencyIds"] = Stale },                                                                             "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Get("GET /quan-tri/thu-tuc/{id:int}/phien-ban/{number:int}/tai-ve", "procedure X version 1 as a file", i => $"/quan-tri/thu-tuc/{i.ProcedureX}/phien-ban/1/tai-ve",
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 200"),
        // The audit page: administrators and province leaders see the whole trail, a leader of X only X's lines (Y answers 404).
        Get("GET /quan-tri/nhat-ky", "audit trail of one's reach", _ => "/quan-tri/nhat-ky?loai=4",                         "login  denied denied denied denied denied denied denied denied 200    200    200"),
        Get("GET /quan-tri/nhat-ky", "audit trail of agency Y", i => $"/quan-tri/nhat-ky?coquan={i.AgencyY}",                "login  denied denied denied denied denied denied denied denied 404    200    200"),
        Get("GET /quan-tri/nhat-ky/xuat.csv", "audit export of one's reach", _ => "/quan-tri/nhat-ky/xuat.csv?loai=5",      "login  denied denied denied denied denied denied denied denied 200    200    200"),
        Get("GET /quan-tri/nhat-ky/xuat.csv", "audit export of agency Y", i => $"/quan-tri/nhat-ky/xuat.csv?coquan={i.AgencyY}",
                                                                                                                            "login  denied denied denied denied denied denied denied denied 404    200    200"),
        // The API's clients (issue 16): administrators only; an id that does not exist answers 404.
        Get("GET /quan-tri/ung-dung-api", "API clients", _ => "/quan-tri/ung-dung-api",                                   "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Get("GET /quan-tri/ung-dung-api/them", "new API client form", _ => "/quan-tri/ung-dung-api/them",                  "login  denied denied denied denied denied denied denied denied denied denied 200"),
        Post("POST /quan-tri/ung-dung-api/them", "no name, no scope", _ => "/quan-tri/ung-dung-api/them", _ => [],        "login  denied denied denied denied denied denied denied denied denied denied 400"),
        Get("GET /quan-tri/ung-dung-api/{id:int}", "a client that does not exist", _ => $"/quan-tri/ung-dung-api/{Stale}",  "login  denied denied denied denied denied denied denied denied denied denied 404"),
        Post("POST /quan-tri/ung-dung-api/{id:int}/quyen", "a client that does not exist", _ => $"/quan-tri/ung-dung-api/{Stale}/quyen", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 404"),
        Post("POST /quan-tri/ung-dung-api/{id:int}/doi-khoa", "a client that does not exist", _ => $"/quan-tri/ung-dung-api/{Stale}/doi-khoa", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 404"),
        Post("POST /quan-tri/ung-dung-api/{id:int}/thu-hoi", "a client that does not exist", _ => $"/quan-tri/ung-dung-api/{Stale}/thu-hoi", _ => [],
                                                                                                                            "login  denied denied denied denied denied denied denied denied denied denied 404"),

        // The API itself takes a bearer token only: a signed-in person's cookie is no credential there (401 for every role).
        // Each route × each client scope is Api/ApiTests' matrix.
        Get("GET /api/v1/agencies", "no bearer token", _ => "/api/v1/agencies",                                             "401    401    401    401    401    401    401    401    401    401    401    401"),
        Get("GET /api/v1/procedures", "no bearer token", _ => "/api/v1/procedures",                                         "401    401    401    401    401    401    401    401    401    401    401    401"),
        Get("GET /api/v1/procedures/{code}", "no bearer token", _ => "/api/v1/procedures/1.000000.000.00.00.H31",          "401    401    401    401    401    401    401    401    401    401    401    401"),
        Get("GET /api/v1/dossiers", "no bearer token", _ => "/api/v1/dossiers",                                             "401    401    401    401    401    401    401    401    401    401    401    401"),
        Get("GET /api/v1/dossiers/{code}", "X's dossier, no bearer token", i => $"/api/v1/dossiers/{i.FiledXCode}",         "401    401    401    401    401    401    401    401    401    401    401    401"),
        // The API's description and reference are public: they hold no data.
        Get("GET /openapi/{documentName}.json", "the OpenAPI document", _ => "/openapi/v1.json",                            "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /api/docs/{documentName?}", "the API reference", _ => "/api/docs/",                                        "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /api/docs/scalar.js", "the reference's script", _ => "/api/docs/scalar.js",                               "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /api/docs/scalar.aspnetcore.js", "the reference's loader", _ => "/api/docs/scalar.aspnetcore.js",          "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("GET /api/docs/favicon.svg", "the reference's icon", _ => "/api/docs/favicon.svg",                              "200    200    200    200    200    200    200    200    200    200    200    200"),
        Get("ANY /hangfire/{**path}", "Hangfire dashboard", _ => "/hangfire",                                               "401    403    403    403    403    403    403    403    403    403    403    200"),
    ];

    /// <summary>The sandbox gateway's key in the security fixture.</summary>
    public const string SandboxKey = "khoa-cong-thanh-toan-thu-cua-ma-tran";

    /// <summary>The sandbox's signed return for a reference, as the gateway sends the browser back.</summary>
    public static string SignedReturn(string reference)
    {
        var sandbox = new Portal.Core.Payments.SandboxPaymentGateway(
            Microsoft.Extensions.Options.Options.Create(new Portal.Core.Payments.SandboxGatewayOptions { Secret = SandboxKey }),
            new Portal.Core.Links.PublicUrls("http://localhost", allowHttp: true));
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["amount"] = "8000", ["code"] = "00", ["ref"] = reference, ["txn"] = "SBX10000001" };
        fields["sig"] = sandbox.Sign(fields);
        return new Uri(sandbox.ReturnUrl(fields)).PathAndQuery;
    }

    /// <summary>Endpoints that take a POST without an antiforgery token, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithoutAntiforgery = new Dictionary<string, string>
    {
        ["ANY /Home/Status/{code:int}"] = "re-executed with the method of a failed request (an antiforgery refusal included) to show its message; reads and changes nothing",
        ["ANY /Home/Error"] = "re-executed with the method of a failed request to show the error page; reads and changes nothing",
    };

    /// <summary>Every endpoint the app routes to, as "METHOD /pattern" ("ANY" when it takes every method).</summary>
    public static IReadOnlyList<(string Key, IReadOnlyList<string> Methods)> Endpoints(IServiceProvider services)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<ISuppressMatchingMetadata>()?.SuppressMatching == true)
            {
                continue;
            }

            var raw = endpoint.RoutePattern.RawText ?? string.Empty;
            string path;
            if (raw.Contains("{controller", StringComparison.Ordinal))
            {
                // Conventional routes: the action's own address.
                var values = endpoint.RoutePattern.RequiredValues;
                path = "/" + string.Join('/', RouteKeys
                    .Select(k => values.TryGetValue(k, out var v) ? v as string : null).Where(v => !string.IsNullOrEmpty(v)));
            }
            else
            {
                path = "/" + raw.TrimStart('/');
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0)
            {
                result.Add(("ANY " + path, ["GET", "POST"]));
            }
            else
            {
                result.AddRange(methods.Select(m => ($"{m} {path}", (IReadOnlyList<string>)[m])));
            }
        }

        return result;
    }

    /// <summary>The outcome of a response in the table's vocabulary.</summary>
    public static string Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is >= 300 and < 400)
        {
            var location = response.Headers.Location?.OriginalString ?? string.Empty;
            var path = Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : location;
            return path.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) ? "login"
                : path.StartsWith("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase) ? "denied"
                : "302";
        }

        return code.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sends the request in a role's session, with its antiforgery token unless told otherwise.</summary>
    public static async Task<HttpResponseMessage> SendAsync(Session session, MatrixRequest request, string? token)
    {
        if (request.Method == "GET")
        {
            return await session.Client.Http.GetAsync(request.Url);
        }

        var fields = new List<KeyValuePair<string, string>>(request.Form ?? new Dictionary<string, string>());
        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        return await session.Client.Http.PostAsync(request.Url, new FormUrlEncodedContent(fields));
    }

    /// <summary>A page with the per-request parts (antiforgery tokens, the address itself) taken out, to compare two answers.</summary>
    public static string Comparable(string body, MatrixRequest request)
    {
        var text = Regex.Replace(body, "(__RequestVerificationToken\"[^>]*value=\")[^\"]*", "$1", RegexOptions.None, TimeSpan.FromSeconds(5));
        var path = request.Url;
        foreach (var variant in new[] { Uri.EscapeDataString(path), path }.Concat((request.Form ?? new Dictionary<string, string>()).Values.Where(v => v.Length >= 6)))
        {
            text = text.Replace(variant, "{…}", StringComparison.Ordinal);
        }

        return text;
    }

    public static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static MatrixCase Get(string endpoint, string note, Func<MatrixIds, string> url, string outcomes) =>
        new(endpoint, note, i => new MatrixRequest("GET", url(i)), outcomes);

    private static MatrixCase Post(string endpoint, string note, Func<MatrixIds, string> url, Func<MatrixIds, Dictionary<string, string>> form, string outcomes,
        bool publicCode = false) =>
        new(endpoint, note, i => new MatrixRequest("POST", url(i), form(i)), outcomes, publicCode);

    /// <summary>
    /// An official's action on A's dossier at X with a stale version: the officials of X pass every gate and get the
    /// conflict (nothing changes); agency Y gets 404; leaders and administrators, who only look, get 403.
    /// </summary>
    private static MatrixCase Act(string action, string note, Func<MatrixIds, Dictionary<string, string>> form) =>
        new($"POST /can-bo/ho-so/{{id:long}}/{action}", note, i =>
        {
            var values = form(i);
            values["Version"] = Stale;
            return new MatrixRequest("POST", $"/can-bo/ho-so/{i.FiledX}/{action}", values);
        }, ActionOutcomes);

    /// <summary>An action on an official account with a stale stamp, on a handler of X (the leader of X reaches it) and of Y (they do not).</summary>
    private static MatrixCase[] AccountAct(string action, string note) =>
    [
        new($"POST /quan-tri/tai-khoan/{{id:guid}}/{action}", note + ", a handler of X",
            i => new MatrixRequest("POST", $"/quan-tri/tai-khoan/{i.HandlerXAccount}/{action}", new Dictionary<string, string> { ["Stamp"] = Stale }),
            "login  denied denied denied denied denied denied denied denied 409    403    409"),
        new($"POST /quan-tri/tai-khoan/{{id:guid}}/{action}", note + ", a handler of Y",
            i => new MatrixRequest("POST", $"/quan-tri/tai-khoan/{i.HandlerYAccount}/{action}", new Dictionary<string, string> { ["Stamp"] = Stale }),
            "login  denied denied denied denied denied denied denied denied 404    403    409"),
    ];

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string WrongPin(string pin) => pin == "000000" ? "111111" : "000000";
}
