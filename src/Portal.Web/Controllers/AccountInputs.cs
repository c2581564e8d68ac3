using FluentValidation;
using Portal.Core.Dossiers;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Text;

namespace Portal.Web.Controllers;

/// <summary>Registration of a person (CCCD, date of birth) or a business (tax code, name, representative).</summary>
public sealed record RegisterInput
{
    public ApplicantKind Kind { get; set; } = ApplicantKind.Person;
    public string? FullName { get; set; }
    public string? CitizenId { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? TaxCode { get; set; }
    public string? BusinessName { get; set; }
    public string? Representative { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    public void Normalize()
    {
        FullName = VietnameseText.Normalize(FullName);
        CitizenId = Identifiers.Digits(CitizenId);
        TaxCode = Identifiers.CleanTaxCode(TaxCode);
        BusinessName = VietnameseText.Normalize(BusinessName);
        Representative = VietnameseText.Normalize(Representative);
        Phone = Identifiers.CleanPhone(Phone);
        Email = VietnameseText.Normalize(Email).ToLowerInvariant();
        Address = VietnameseText.Normalize(Address);
    }
}

public sealed class RegisterValidator : AbstractValidator<RegisterInput>
{
    public RegisterValidator(TimeProvider time)
    {
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Chọn đăng ký cho cá nhân hoặc doanh nghiệp. / Choose person or business.");
        When(x => x.Kind == ApplicantKind.Person, () =>
        {
            RuleFor(x => x.FullName).NotEmpty().WithMessage("Vui lòng nhập họ và tên như trên CCCD. / Please enter your full name as on your ID card.")
                .MaximumLength(200).WithMessage("Họ tên dài tối đa 200 ký tự. / At most 200 characters.");
            RuleFor(x => x.DateOfBirth).NotNull().WithMessage("Vui lòng nhập ngày sinh. / Please enter your date of birth.")
                .Must(d => d is null || (d.Value.Year >= 1900 && d.Value <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(-14)))
                .WithMessage("Ngày sinh không hợp lệ: người đăng ký phải từ đủ 14 tuổi. / Not a valid date of birth: you must be at least 14.");
            RuleFor(x => x.CitizenId).NotEmpty().WithMessage("Vui lòng nhập số CCCD 12 chữ số. / Please enter your 12-digit citizen ID.");
            RuleFor(x => x.CitizenId).Must((x, id) => Identifiers.IsCitizenId(id, x.DateOfBirth)).When(x => !string.IsNullOrEmpty(x.CitizenId))
                .WithMessage(Identifiers.CitizenIdMessage);
        });
        When(x => x.Kind == ApplicantKind.Business, () =>
        {
            RuleFor(x => x.TaxCode).NotEmpty().WithMessage("Vui lòng nhập mã số thuế của doanh nghiệp. / Please enter the business's tax code.");
            RuleFor(x => x.TaxCode).TaxCode().When(x => !string.IsNullOrEmpty(x.TaxCode));
            RuleFor(x => x.BusinessName).NotEmpty().WithMessage("Vui lòng nhập tên doanh nghiệp như trên giấy đăng ký. / Please enter the business name.")
                .MaximumLength(300).WithMessage("Tên doanh nghiệp dài tối đa 300 ký tự. / At most 300 characters.");
            RuleFor(x => x.Representative).NotEmpty().WithMessage("Vui lòng nhập họ tên người đại diện theo pháp luật. / Please enter the legal representative's name.")
                .MaximumLength(200).WithMessage("Tối đa 200 ký tự. / At most 200 characters.");
        });
        RuleFor(x => x.Phone).NotEmpty().WithMessage("Vui lòng nhập số điện thoại di động. / Please enter a mobile number.");
        RuleFor(x => x.Phone).MobilePhone().When(x => !string.IsNullOrEmpty(x.Phone));
        RuleFor(x => x.Email).NotEmpty().WithMessage("Vui lòng nhập thư điện tử để nhận thư xác nhận. / Please enter an email address for the confirmation mail.");
        RuleFor(x => x.Email).PortalEmail().When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Address).MaximumLength(400).WithMessage("Địa chỉ dài tối đa 400 ký tự. / At most 400 characters.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Vui lòng đặt mật khẩu: ít nhất 12 ký tự (một cụm từ dễ nhớ là mật khẩu tốt). / Choose a password: 12 characters or more (a phrase you remember makes a good one).");
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("Hai lần nhập mật khẩu không khớp. / The two passwords differ.");
    }
}

/// <summary>What a citizen keeps on the profile; every new dossier starts from it.</summary>
public sealed class ProfileInput
{
    public ApplicantKind Kind { get; set; }
    public string? FullName { get; set; }
    public string? CitizenId { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? TaxCode { get; set; }
    public string? BusinessName { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? Email { get; set; }

    /// <summary>Asked when the phone, the CCCD or the tax code changes (never shown again, never stored).</summary>
    public string? CurrentPassword { get; set; }

    /// <summary>The authenticator's code (or a recovery code), asked with the password when two-step verification is on.</summary>
    public string? Code { get; set; }

    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool TwoFactorEnabled { get; set; }

    public static ProfileInput From(PortalUser u) => new()
    {
        TwoFactorEnabled = u.TwoFactorEnabled,
        Kind = u.Kind,
        FullName = u.Kind == ApplicantKind.Business ? u.Representative ?? u.FullName : u.FullName,
        CitizenId = u.CitizenId,
        DateOfBirth = u.DateOfBirth,
        TaxCode = u.TaxCode,
        BusinessName = u.BusinessName,
        Phone = u.PhoneNumber,
        Address = u.Address,
        Email = u.Email,
    };

    public void Normalize()
    {
        FullName = VietnameseText.Normalize(FullName);
        CitizenId = Identifiers.Digits(CitizenId);
        TaxCode = Identifiers.CleanTaxCode(TaxCode);
        BusinessName = VietnameseText.Normalize(BusinessName);
        Phone = Identifiers.CleanPhone(Phone);
        Address = VietnameseText.Normalize(Address);
    }

    public void ApplyTo(PortalUser u)
    {
        u.FullName = FullName!;
        u.PhoneNumber = Phone;
        u.Address = Address;
        if (Kind == ApplicantKind.Business)
        {
            u.Representative = FullName;
            u.BusinessName = BusinessName;
            u.TaxCode = TaxCode;
        }
        else
        {
            u.CitizenId = CitizenId;
            u.DateOfBirth = DateOfBirth;
        }
    }
}

public sealed class ProfileValidator : AbstractValidator<ProfileInput>
{
    public ProfileValidator()
    {
        RuleFor(x => x.FullName).NotEmpty().WithMessage("Vui lòng nhập họ và tên. / Please enter the full name.")
            .MaximumLength(200).WithMessage("Họ và tên dài tối đa 200 ký tự. / The full name takes at most 200 characters.");
        RuleFor(x => x.CitizenId).Must((x, id) => Identifiers.IsCitizenId(id, x.DateOfBirth))
            .When(x => x.Kind == ApplicantKind.Person).WithMessage(Identifiers.CitizenIdMessage);
        RuleFor(x => x.TaxCode).TaxCode().When(x => x.Kind == ApplicantKind.Business);
        RuleFor(x => x.BusinessName).NotEmpty().When(x => x.Kind == ApplicantKind.Business)
            .WithMessage("Vui lòng nhập tên doanh nghiệp. / Please enter the business name.");
        RuleFor(x => x.Phone).MobilePhone().When(x => !string.IsNullOrEmpty(x.Phone));
        RuleFor(x => x.Address).MaximumLength(400).WithMessage("Địa chỉ dài tối đa 400 ký tự. / At most 400 characters.");
    }
}

public sealed record UnlockInput
{
    public Guid UserId { get; init; }
    public string? Code { get; init; }
}

/// <summary>The link page of an external sign-in: the password of the account holding the provider's CCCD, or "not mine".</summary>
public sealed class ExternalLinkInput
{
    public string? Password { get; set; }

    public bool NotMine { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>Shown, never bound: the account's address with most of its name hidden.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string? MaskedEmail { get; set; }
}

/// <summary>The code texted to a new phone number, which becomes the account's only once the code comes back.</summary>
public sealed class ConfirmPhoneInput
{
    /// <summary>The change the profile sealed after the password (<see cref="Infrastructure.PendingPhones"/>).</summary>
    public string? Pending { get; set; }

    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string? Phone { get; set; }

    public string? Code { get; set; }

    public bool Resend { get; set; }
}
