using FluentValidation;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Filing;

/// <summary>The applicant step: who files (prefilled from the profile, editable for this dossier).</summary>
public sealed class ApplicantInput
{
    public ApplicantKind Kind { get; set; } = ApplicantKind.Person;
    public string? FullName { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }

    public static ApplicantInput From(Applicant a) => new()
    {
        Kind = a.Kind,
        FullName = a.FullName,
        IdNumber = a.IdNumber,
        Phone = a.Phone,
        Email = a.Email,
        Address = a.Address,
    };

    /// <summary>NFC text, cleaned identifiers.</summary>
    public ApplicantInput Normalized() => new()
    {
        Kind = Kind,
        FullName = VietnameseText.Normalize(FullName),
        IdNumber = Kind == ApplicantKind.Business ? Identifiers.CleanTaxCode(IdNumber) : Identifiers.Digits(IdNumber),
        Phone = Identifiers.CleanPhone(Phone),
        Email = VietnameseText.Normalize(Email).ToLowerInvariant(),
        Address = VietnameseText.Normalize(Address),
    };

    public Applicant ToApplicant() => new(Kind, FullName ?? string.Empty, IdNumber, Phone, Email, Address);
}

public sealed class ApplicantValidator : AbstractValidator<ApplicantInput>
{
    /// <summary>One instance for the checks outside DI (every submission checks the applicant again).</summary>
    public static readonly ApplicantValidator Shared = new();

    public ApplicantValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Chọn cá nhân hoặc tổ chức, doanh nghiệp. / Choose person or business.");
        RuleFor(x => x.FullName).NotEmpty().WithMessage("Vui lòng nhập họ và tên (hoặc tên doanh nghiệp). / Please enter the full name (or business name).")
            .MaximumLength(200).WithMessage("Họ tên dài tối đa 200 ký tự. / At most 200 characters.");
        RuleFor(x => x.IdNumber).NotEmpty().WithMessage("Vui lòng nhập số CCCD (hoặc mã số thuế). / Please enter the citizen ID (or tax code).");
        RuleFor(x => x.IdNumber).CitizenId().When(x => x.Kind == ApplicantKind.Person && !string.IsNullOrEmpty(x.IdNumber));
        RuleFor(x => x.IdNumber).TaxCode().When(x => x.Kind == ApplicantKind.Business && !string.IsNullOrEmpty(x.IdNumber));
        RuleFor(x => x.Phone).NotEmpty().WithMessage("Vui lòng nhập số điện thoại di động để nhận tin nhắn về hồ sơ. / Please enter a mobile number.");
        RuleFor(x => x.Phone).MobilePhone().When(x => !string.IsNullOrEmpty(x.Phone));
        RuleFor(x => x.Email).PortalEmail().When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Address).NotEmpty().WithMessage("Vui lòng nhập địa chỉ liên hệ (số nhà, đường, phường/xã). / Please enter the contact address.")
            .MaximumLength(400).WithMessage("Địa chỉ dài tối đa 400 ký tự. / At most 400 characters.");
    }
}

public sealed class SaveApplicantHandler(PortalDb db, TimeProvider time)
{
    /// <summary>Saves the (already validated, normalised) applicant on the draft.</summary>
    public async Task HandleAsync(Dossier draft, ApplicantInput input, CancellationToken ct)
    {
        draft.UpdateDraft(input.ToApplicant(), time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
